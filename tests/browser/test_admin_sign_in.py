"""A superuser signs in to the admin with password and authenticator code (TOTP), in a browser,
and the admin works under the same Content-Security-Policy as the public pages."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.two_factor]


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_superuser_signs_in_with_an_authenticator_code(page, django_user_model):
    admin = django_user_model.objects.create_superuser(
        username="admin", password="a-long-test-password", email="admin@example.com"
    )
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)  # fmt: skip

    page.goto("/admin/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("a-long-test-password")
    page.locator("input[type=submit]").click()
    # The password alone is not enough.
    expect(page.locator(".errorlist, .errornote").first).to_contain_text(
        "인증 앱에 표시된 6자리 숫자를 입력하십시오."
    )
    screenshot(page, "admin-sign-in-code-1280")
    page.locator("#id_password").fill("a-long-test-password")
    page.locator("#id_otp_token").fill(current_code(device))
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_contain_text("서울정책아카이브")
    expect(page.locator("#user-tools")).to_contain_text("admin")
    page.goto("/admin/training/programme/add/")
    expect(page.locator("#programme_form")).to_be_visible()
    screenshot(page, "admin-programme-add-1280")
    assert violations == []
