"""A reviewer sees one call's nominations on one screen and decides within the quota: from the
admin home's attention list to the review page, two countries selected, a third refused."""

from django.contrib.auth.models import Group, User
from django.core import mail
from playwright.sync_api import expect

from archive_portal.groups import TRAINING_REVIEWERS
from tests.browser.conftest import log_in, screenshot, serious_axe_violations
from tests.training.factories import NominationFactory, ProgrammeFactory, TraineeFactory
from training.models import NominationStatus


def test_a_reviewer_decides_a_calls_nominations_within_the_quota(page, live_server):
    programme = ProgrammeFactory(title="2026 도시철도 초청연수", country_quota=2)
    nominations = {}
    for country, city in [("VN", "하노이"), ("ID", "자카르타"), ("MN", "울란바토르")]:
        nominations[country] = NominationFactory(programme=programme, country=country, city=city)
        TraineeFactory.create_batch(2, nomination=nominations[country])
    reviewer = User.objects.create_user("reviewer", password="x", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=TRAINING_REVIEWERS))
    log_in(page, live_server, reviewer)

    page.goto("/admin/")
    page.get_by_role("link", name="검토를 기다리는 추천서: 2026 도시철도 초청연수").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("추천서 검토: 2026 도시철도 초청연수")
    expect(page.get_by_role("heading", level=2)).to_have_text(["몽골리아 추천서 1건",
                                                              "베트남 추천서 1건",
                                                              "인도네시아 추천서 1건"])  # fmt: skip
    quota = page.locator("#quota")
    countries = quota.get_by_role("row", name="전체 국가 수").get_by_role("cell")
    expect(countries).to_have_text(["2", "0", "2"])  # quota, used, left
    assert serious_axe_violations(page) == []
    screenshot(page, "admin-review-1280")

    page.get_by_label(f"{nominations['VN'].reference} 선택").check()
    page.get_by_label(f"{nominations['ID'].reference} 선택").check()
    page.get_by_role("combobox", name="결정").select_option("selected")
    page.get_by_role("button", name="결정 적용").click()
    expect(page.locator(".messagelist .success")).to_contain_text("2")
    expect(countries).to_have_text(["2", "2", "0"])
    assert {n.country.code: n.status for n in programme.nominations.all()} == {
        "VN": NominationStatus.SELECTED,
        "ID": NominationStatus.SELECTED,
        "MN": NominationStatus.SUBMITTED,
    }
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"추천 {nominations[c].reference} 선정 안내" for c in ("VN", "ID")
    )

    page.get_by_label(f"{nominations['MN'].reference} 선택").check()
    page.get_by_role("combobox", name="결정").select_option("selected")
    page.get_by_role("button", name="결정 적용").click()
    expect(page.locator(".messagelist .error")).to_contain_text("아무것도 바꾸지 않았습니다")
    assert programme.nominations.get(country="MN").status == NominationStatus.SUBMITTED

    page.get_by_label(f"{nominations['MN'].reference} 선택").check()
    page.get_by_role("combobox", name="결정").select_option("waitlisted")
    page.get_by_role("button", name="결정 적용").click()
    expect(page.get_by_role("row", name=nominations["MN"].reference)).to_contain_text("대기")
    assert len(mail.outbox) == 3

    page.goto(f"/admin/training/nomination/?programme__id__exact={programme.pk}")
    table = page.locator("#result_list")
    assert table.bounding_box()["width"] <= 1280 - 2 * 40
    expect(table.locator("tbody tr")).to_have_count(3)
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name=nominations["VN"].reference).click()
    expect(page.locator("#trainees-group")).to_be_visible()
    expect(
        page.locator("#trainees-group").get_by_role("link", name="사이트에서 보기")
    ).to_have_count(0)
    assert serious_axe_violations(page) == []
