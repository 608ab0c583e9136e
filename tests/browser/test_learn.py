"""An official abroad reads a policy case, asks to learn it in Seoul, corrects a mistake the
error summary points to and sends the request, with JavaScript off: the form needs none."""

import re

import pytest
from playwright.sync_api import expect

from publications.models import Kind
from tests.browser.conftest import DESKTOP, screenshot, serious_axe_violations
from tests.publications.factories import PublicationFactory
from training.models import LearningRequest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(
        viewport=DESKTOP, base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_ask_for_a_study_visit_from_a_policy_case_without_javascript(no_js_page):
    page = no_js_page  # the session's browser, with scripts off in this context only
    case = PublicationFactory(
        title="Cheonggyecheon restoration", slug="cheonggyecheon", kind=Kind.POLICY_CASE,
        language="en",
    )  # fmt: skip
    page.goto("/en/publications/cheonggyecheon/")
    page.get_by_role("link", name="Ask for training or a study visit").click()
    expect(page).to_have_url(re.compile(rf"/en/training/learn/\?publication={case.pk}$"))
    expect(page.locator("#id_policy")).to_have_value("Cheonggyecheon restoration")

    page.get_by_label("Study visit").check()
    page.get_by_label("Preferred period").fill("October 2027")
    page.get_by_label("Group size").fill("twelve")
    page.locator("#id_organisation").fill("Hanoi People's Committee")
    page.locator("#id_city").fill("Hanoi")
    page.locator("#id_country").select_option("VN")
    page.locator("#id_contact_name").fill("Nguyen Thi Lan")
    page.locator("#id_email").fill("lan@hanoi.gov.vn")
    page.get_by_role("button", name="Send the request").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Enter the group size as a number, like 12")
    expect(summary).to_contain_text("Tick the box to agree")
    screenshot(page, "learn-errors-en")  # (axe needs scripts: it runs on the phone test below)
    summary.get_by_role("link", name="Enter the group size as a number, like 12").click()
    expect(page).to_have_url(re.compile(r"#id_group_size$"))
    expect(page.locator("#id_organisation")).to_have_value("Hanoi People's Committee")

    page.get_by_label("Group size").fill("12")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send the request").click()

    request = LearningRequest.objects.get()
    expect(page.locator(".reference")).to_have_text(request.reference)
    assert request.publication == case
    screenshot(page, "learn-sent-en")


def test_the_korean_form_on_a_phone(phone_page):
    phone_page.goto("/ko/training/learn/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("서울에서 이 정책 배우기")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone ({width}px)"
    phone_page.get_by_role("button", name="요청 보내기").click()
    expect(phone_page.locator(".error-summary")).to_contain_text("기관명을 입력하세요")
    assert serious_axe_violations(phone_page) == []
    screenshot(phone_page, "learn-errors-ko-390")
