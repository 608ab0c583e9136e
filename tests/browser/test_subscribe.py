"""A firm that missed a call subscribes to hear about the next one: it finds the form from the
training page, corrects the mistake the error summary points to, gets the confirmation email and
confirms; on a phone, the Korean form and its errors."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from publications.sectors import ensure_default_sectors
from tests.browser.conftest import screenshot, serious_axe_violations
from tests.training.factories import ProgrammeFactory
from training.models import Subscription

pytestmark = pytest.mark.django_db(transaction=True)


def test_subscribe_correct_a_mistake_and_confirm(page, live_server, settings):
    settings.SITE_URL = live_server.url
    ensure_default_sectors()  # a transactional test's flush removed them
    ProgrammeFactory(title_en="Urban railway training", slug="railway")
    page.goto("/en/training/")
    page.get_by_role("link", name="Hear about the next call by email").click()
    expect(page).to_have_url(re.compile(r"/en/training/subscribe/$"))
    expect(page.get_by_label("New training calls")).to_be_checked()
    page.get_by_label("Event").check()
    page.get_by_label("Email address").fill("lan@hanoi")
    page.get_by_role("button", name="Subscribe").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(
        "Enter an email address in the correct format, like name@example.com"
    )
    expect(summary).to_contain_text("Tick the box to agree")
    expect(page.get_by_label("Email address")).to_have_value("lan@hanoi")
    expect(page.get_by_label("Event")).to_be_checked()
    assert serious_axe_violations(page) == []
    screenshot(page, "subscribe-errors-en-1280")

    page.get_by_label("Email address").fill("lan@hanoi.gov.vn")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    screenshot(page, "subscribe-sent-en-1280")

    [email] = mail.outbox
    confirm = re.search(r"http://\S+/confirm/\S+/", email.body)[0]
    page.goto(confirm)
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    screenshot(page, "subscribe-confirmed-en-1280")
    subscription = Subscription.objects.get()
    assert subscription.topics == ["calls", "news:event"]
    assert subscription.confirmed_at is not None


def test_the_korean_form_on_a_phone(phone_page):
    ensure_default_sectors()
    phone_page.goto("/ko/training/subscribe/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("새 공고 알림 신청")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone ({width}px)"
    screenshot(phone_page, "subscribe-ko-390")
    phone_page.get_by_label("새 초청연수 모집 공고").uncheck()
    phone_page.get_by_role("button", name="신청하기").click()
    summary = phone_page.locator(".error-summary")
    expect(summary).to_contain_text("받아 볼 소식을 하나 이상 선택하세요")
    expect(summary).to_contain_text("이메일 주소를 입력하세요")
    assert serious_axe_violations(phone_page) == []
    screenshot(phone_page, "subscribe-errors-ko-390")
