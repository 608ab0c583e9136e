"""A reviewer moves a nomination on in the admin with a message for the firm; the firm opens its
private link and follows the review on a timeline, with the date and the message; the email
reached it in the language it applied in."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from archive_portal.groups import TRAINING_REVIEWERS, sync_staff_groups
from tests.browser.conftest import screenshot, serious_axe_violations
from tests.training.factories import NominationFactory, ProgrammeFactory
from training.models import StatusChange, hash_token

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "browser-private-token-0123456789-abcdefghijklmnop"


def test_the_firm_follows_the_review_on_its_private_link(page, phone_page, django_user_model):
    programme = ProgrammeFactory(slug="railway-2026", reference_prefix="TR-2026")
    nomination = NominationFactory(
        programme=programme, reference="TR-2026-001", sequence=1, language="en",
        access_token_hash=hash_token(TOKEN),
    )  # fmt: skip
    StatusChange.objects.create(nomination=nomination, from_status="", to_status="submitted")
    sync_staff_groups()
    reviewer = django_user_model.objects.create_user(
        username="reviewer", password="a-long-test-password", is_staff=True
    )
    reviewer.groups.add(Group.objects.get(name=TRAINING_REVIEWERS))

    page.goto(f"/admin/login/?next=/admin/training/nomination/{nomination.pk}/change/")
    page.locator("#id_username").fill("reviewer")
    page.locator("#id_password").fill("a-long-test-password")
    page.locator("input[type=submit]").click()
    page.locator("#id_new_status").select_option("under_review")
    page.locator("#id_status_message").fill(
        "We have received your documents and started the review."
    )
    page.locator("#id_status_note").fill("내부 메모: 도시 개요 확인 필요")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    assert [m.subject for m in mail.outbox] == ["Nomination TR-2026-001: Under review"]
    assert "We have received your documents and started the review." in mail.outbox[0].body

    phone_page.goto(f"/en/training/nominations/{TOKEN}/")
    timeline = phone_page.locator(".timeline")
    expect(timeline.locator(".timeline__status")).to_have_text(
        ["Received", "Under review (current status)"]
    )
    expect(timeline.locator(".timeline__message")).to_have_text(
        "We have received your documents and started the review."
    )
    expect(phone_page.locator("main")).not_to_contain_text("내부 메모")
    assert serious_axe_violations(phone_page) == []
    screenshot(phone_page, "timeline-private-link-390")
