"""A researcher narrows the publications by sector and kind, opens a policy case and downloads
its report; the download keeps the Korean file name and is counted."""

from datetime import date

import pytest
from playwright.sync_api import expect

from publications.models import Attachment, Kind
from tests.browser.conftest import screenshot, serious_axe_violations
from tests.publications.factories import AttachmentFactory, PublicationFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive():
    case = PublicationFactory(
        title="청계천 복원 사업",
        slug="cheonggyecheon-restoration",
        kind=Kind.POLICY_CASE,
        sectors=["environment", "water"],
        summary="도심 하천을 되살린 서울시의 정책사례입니다.",
        body="## 추진 배경\n\n고가도로를 걷어내고 하천을 복원했습니다.",
        responsible_department="물순환안전국",
        published_on=date(2024, 6, 1),
    )
    AttachmentFactory(publication=case, file=upload("청계천 복원 보고서.pdf", pdf_bytes()))
    PublicationFactory(
        title="기후변화 대응 연구",
        kind=Kind.RESEARCH_REPORT,
        sectors=["environment"],
        published_on=date(2023, 3, 1),
    )
    PublicationFactory(
        title="버스 체계 개편", kind=Kind.POLICY_CASE, sectors=["transportation"],
        published_on=date(2022, 7, 1),
    )  # fmt: skip
    return case


def test_narrow_by_sector_and_kind_then_download_a_file(page, archive):
    page.goto("/ko/publications/")
    expect(page.locator("#result-count")).to_have_text("3건")
    expect(page.get_by_label("환경 (2)")).to_be_visible()
    screenshot(page, "publications-list-1280")
    assert serious_axe_violations(page) == []

    page.get_by_label("환경 (2)").check()
    page.get_by_role("button", name="조건 적용").click()
    # No sort control yet: nothing has been downloaded, so "Most downloaded" would only shuffle.
    expect(page).to_have_url("/ko/publications/?q=&sector=environment")
    expect(page.locator("#result-count")).to_have_text("2건")
    # Under the sector, the kinds count what each would give.
    expect(page.get_by_label("정책사례 (1)")).to_be_visible()
    expect(page.get_by_label("연구보고서 (1)")).to_be_visible()

    page.get_by_label("정책사례 (1)").check()
    page.get_by_role("button", name="조건 적용").click()
    expect(page.locator("#result-count")).to_have_text("1건")
    expect(page.get_by_label("환경 (1)")).to_be_checked()

    page.get_by_role("link", name="청계천 복원 사업").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("청계천 복원 사업")
    expect(page.locator(".summary-list")).to_contain_text("물순환안전국")
    expect(page.locator(".attachment .meta")).to_contain_text("PDF")
    screenshot(page, "publications-detail-1280")
    assert serious_axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="다운로드 청계천 복원 보고서", exact=False).click()
    download = download_info.value
    assert download.suggested_filename == "청계천 복원 보고서.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == pdf_bytes()
    assert Attachment.objects.get().download_count == 1


def test_policy_cases_on_a_phone(phone_page, archive):
    phone_page.goto("/ko/publications/policy-cases/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("정책사례")
    expect(phone_page.locator("#result-count")).to_have_text("2건")
    screenshot(phone_page, "publications-list-390")
    assert serious_axe_violations(phone_page) == []

    phone_page.get_by_role("link", name="청계천 복원 사업").click()
    expect(phone_page.get_by_role("heading", name="추진 배경")).to_be_visible()
    screenshot(phone_page, "publications-detail-390")
    assert serious_axe_violations(phone_page) == []
