"""A firm nominates a country and two trainees from a desktop; a reviewer selects it.

Also: the programme page and the form at phone and desktop widths (screenshots in
var/screenshots/ to look at), and no serious accessibility violations on the form.
"""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from archive_portal.groups import TRAINING_REVIEWERS, sync_staff_groups
from tests.browser.conftest import screenshot, serious_axe_violations
from tests.training.factories import ProgrammeFactory, ScheduleItemFactory
from training.models import Nomination

MILESTONES = [
    ("2023-05-10", "하노이시 도시철도 타당성 조사 착수"),
    ("2024-03-14", "하노이 도시철도공사와 기술협력 양해각서 체결"),
    ("2025-01-20", "3호선 신호시스템 입찰 참여"),
]
TRAINEES = [
    ("Nguyen Van An", "계획국장", "도시철도 정책 총괄", "도시철도 정책관리자", "fluent"),
    ("Tran Thi Binh", "건설과장", "3호선 건설 관리", "철도 건설 담당 간부", "working"),
]


def open_programme():
    programme = ProgrammeFactory(
        slug="2026-urban-railway",
        title="2026 해외 도시철도관계자 초청연수, 민간기업 추천 대상국가(도시, 기관) 모집",
        reference_prefix="TR-2026",
        application_deadline=timezone.now() + datetime.timedelta(days=12),
        country_quota=6,
        country_quota_note="민간기업 추천 개발도상국가 6개국 이내",
        recruitment_countries=6,
        recruitment_note="6개국 14명 이내(연수생은 국가별 2명 이내)",
        total_trainees=14,
        what_to_prepare="작 성 자: 성명, 이메일, 연락처\n추천연수생: 성명, 직책, 담당업무, 추천사유 등",
    )
    for day, category, activities in [
        ("1일차", "입국", "입국(인천공항)\n숙소배정, 입교 안내"),
        ("2일차", "정책소개", "서울시 정책 및 도시철도 현황 소개"),
        ("3일차", "기관방문 현장견학", "9호선 관제실 및 역사 방문"),
        ("4일차", "", "차량 제작공장 견학"),
    ]:
        ScheduleItemFactory(programme=programme, day=day, category=category, activities=activities)
    return programme


def fill_form(page):
    page.get_by_label("성명").first.fill("김서울")
    page.get_by_label("이메일 주소").fill("writer@example.com")
    page.get_by_label("연락처").fill("+82 2 1234 5678")
    page.get_by_label("회사명").fill("한국철도기술(주)")
    page.get_by_label("국가", exact=True).select_option("VN")
    page.get_by_label("도시", exact=True).fill("하노이")
    page.get_by_label("기관", exact=True).fill("하노이 도시철도공사")
    page.get_by_label("도시현황").fill("인구 850만의 수도")
    page.get_by_label("철도건설계획").fill("2030년까지 도시철도 8개 노선 건설")
    # Three dated steps: the form starts with one; "add another" is a plain submit button.
    for index, (date, text) in enumerate(MILESTONES):
        if index:
            page.get_by_role("button", name="추진 내용 추가").click()
        page.locator(f"#id_milestones-{index}-date").fill(date)
        page.locator(f"#id_milestones-{index}-description").fill(text)
    for index, (name, position, duties, reason, english) in enumerate(TRAINEES):
        if index:
            page.get_by_role("button", name="연수생 추가").click()
        page.locator(f"#id_trainees-{index}-name").fill(name)
        page.locator(f"#id_trainees-{index}-position").fill(position)
        page.locator(f"#id_trainees-{index}-duties").fill(duties)
        page.locator(f"#id_trainees-{index}-reason").fill(reason)
        page.locator(f"#id_trainees-{index}-english_ability").select_option(english)


def expect_values_kept(page):
    expect(page.locator("#id_writer_name")).to_have_value("김서울")
    expect(page.locator("#id_company")).to_have_value("한국철도기술(주)")
    expect(page.locator("#id_country")).to_have_value("VN")
    expect(page.locator("#id_railway_plan")).to_have_value("2030년까지 도시철도 8개 노선 건설")
    for index, (date, text) in enumerate(MILESTONES):
        expect(page.locator(f"#id_milestones-{index}-date")).to_have_value(date)
        expect(page.locator(f"#id_milestones-{index}-description")).to_have_value(text)
    for index, (name, _position, _duties, reason, english) in enumerate(TRAINEES):
        expect(page.locator(f"#id_trainees-{index}-name")).to_have_value(name)
        expect(page.locator(f"#id_trainees-{index}-reason")).to_have_value(reason)
        expect(page.locator(f"#id_trainees-{index}-english_ability")).to_have_value(english)


def test_a_firm_nominates_and_a_reviewer_selects(page, live_server, django_user_model):
    open_programme()
    page.goto("/ko/training/")
    page.get_by_role("link", name="2026 해외 도시철도관계자 초청연수").click()
    expect(page.locator(".deadline-panel .dday")).to_have_text("D-12")
    screenshot(page, "training-programme-1280")
    page.get_by_role("link", name="초청연수 대상국가·연수생 추천하기").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("초청연수 대상국가·연수생 추천하기")

    fill_form(page)
    screenshot(page, "training-form-filled-1280")
    page.get_by_role("button", name="다음").click()

    # Forgot the consent: the error is in the summary and by the checkbox; nothing typed is lost.
    message = "개인정보 수집·이용에 동의하려면 확인란을 선택하세요"
    expect(page.locator(".error-summary")).to_contain_text(message)
    expect(page.locator("#consent .error-message")).to_contain_text(message)
    assert page.title().startswith("오류: ")
    expect_values_kept(page)
    screenshot(page, "training-form-error-1280")

    page.get_by_label("위와 같이 개인정보를 수집·이용하는 데 동의합니다").check()
    page.get_by_role("button", name="다음").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "추천서를 보내기 전에 입력 내용을 확인해 주세요"
    )
    expect(page.locator("main")).to_contain_text("베트남")
    expect(page.locator("main")).to_contain_text("3호선 신호시스템 입찰 참여")
    expect(page.locator("main")).to_contain_text("Tran Thi Binh")
    expect(page.get_by_role("link", name="변경 추천 연수생")).to_be_visible()
    screenshot(page, "training-check-1280")
    page.get_by_role("button", name="동의하고 보내기").click()

    expect(page.locator(".panel-success")).to_contain_text("TR-2026-001")
    screenshot(page, "training-confirmation-1280")
    # The same address in another browser (a phone, in English): the reference, no personal data.
    other = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="en-US"
    )
    other_page = other.new_page()
    other_page.goto(page.url.replace("/ko/", "/en/"))
    expect(other_page.locator(".panel-success")).to_contain_text("TR-2026-001")
    expect(other_page.locator("main")).to_contain_text("no longer shows the details")
    expect(other_page.locator("main")).not_to_contain_text("writer@example.com")
    expect(other_page.locator("main")).not_to_contain_text("Tran Thi Binh")
    screenshot(other_page, "training-confirmation-reference-390-en")
    other.close()
    nomination = Nomination.objects.get()
    assert nomination.reference == "TR-2026-001"
    assert nomination.trainees.count() == 2
    assert nomination.milestones.count() == 3
    assert [m.subject for m in mail.outbox] == [
        "추천 접수 완료: TR-2026-001",
        "새 추천 접수 TR-2026-001",
    ]

    # A reviewer signs in to the admin and selects the nomination.
    sync_staff_groups()
    reviewer = django_user_model.objects.create_user(
        username="reviewer", password="a-long-test-password", is_staff=True
    )
    reviewer.groups.add(Group.objects.get(name=TRAINING_REVIEWERS))
    page.goto("/admin/login/?next=/admin/training/nomination/")
    page.locator("#id_username").fill("reviewer")
    page.locator("#id_password").fill("a-long-test-password")
    page.locator("input[type=submit]").click()
    expect(page.locator("#result_list")).to_contain_text("TR-2026-001")
    for action in ["검토중으로 변경", "선정(초청 국가 수 이내)"]:
        page.locator("input.action-select").first.check()
        page.locator("select[name=action]").select_option(label=action)
        page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("“선정”(으)로 변경했습니다")
    nomination.refresh_from_db()
    assert nomination.status == "selected"
    assert nomination.status_changes.last().changed_by == reviewer
    screenshot(page, "training-admin-selected-1280")


def test_programme_and_form_on_a_phone(phone_page, live_server):
    open_programme()
    phone_page.goto("/ko/training/2026-urban-railway/")
    expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the programme page scrolls sideways on a phone ({width}px)"
    screenshot(phone_page, "training-programme-390")
    phone_page.goto("/ko/training/2026-urban-railway/apply/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone ({width}px)"
    screenshot(phone_page, "training-form-390")
    phone_page.get_by_role("button", name="다음").click()
    expect(phone_page.locator(".error-summary")).to_be_visible()
    screenshot(phone_page, "training-form-error-390")


def test_form_and_programme_have_no_serious_accessibility_violations(page, live_server):
    open_programme()
    for path in ["/ko/training/", "/ko/training/2026-urban-railway/",
                 "/ko/training/2026-urban-railway/apply/"]:  # fmt: skip
        page.goto(path)
        assert serious_axe_violations(page) == [], path
    page.get_by_role("button", name="다음").click()
    assert serious_axe_violations(page) == []
