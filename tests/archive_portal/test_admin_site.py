"""The staff site (archive_portal.admin_site): a second factor, sign-in throttling, CSP."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from archive_portal.groups import EDITORS, TRAINING_REVIEWERS, sync_staff_groups

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"


def code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def device_for(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def member(django_user_model, username, group):
    sync_staff_groups()
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, username, token=""):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, "otp_token": token},
                       REMOTE_ADDR="203.0.113.7")  # fmt: skip


def test_superusers_sign_in_with_their_authenticator_code(client, superuser):
    device = device_for(superuser)
    response = sign_in(client, "admin")
    assert response.status_code == 200
    assert "인증 앱에 표시된 6자리 숫자를 입력하십시오." in response.content.decode()
    response = sign_in(client, "admin", "000000" if code(device) != "000000" else "111111")
    assert "인증 코드가 맞지 않거나 만료되었습니다." in response.content.decode()
    # django-otp throttles the device after a wrong code (1 s, doubling with each failure).
    response = sign_in(client, "admin", code(device))
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()
    response = sign_in(client, "admin", code(device))
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/admin/"
    assert (
        "<title>콘텐츠 및 추천 신청 관리 | 서울정책아카이브</title>"
        in client.get("/admin/").content.decode()
    )


def test_reviewers_without_an_authenticator_cannot_enter(client, django_user_model):
    member(django_user_model, "reviewer", TRAINING_REVIEWERS)
    response = sign_in(client, "reviewer", "123456")
    assert response.status_code == 200
    assert "이 계정은 2단계 인증이 필요하지만 아직 인증 앱이 없습니다." in response.content.decode()
    assert client.get("/admin/training/nomination/").status_code == 302


def test_a_password_alone_does_not_open_the_admin_to_a_reviewer(client, django_user_model):
    reviewer = member(django_user_model, "reviewer", TRAINING_REVIEWERS)
    device_for(reviewer)
    client.force_login(reviewer)  # the password step alone, no code
    response = client.get("/admin/training/nomination/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editors_without_an_authenticator_need_no_code(client, django_user_model):
    member(django_user_model, "editor", EDITORS)
    response = sign_in(client, "editor")
    assert response.status_code == 302
    assert client.get("/admin/news/newsitem/").status_code == 200


def test_editors_who_set_one_up_must_use_it(client, django_user_model):
    device = device_for(member(django_user_model, "editor", EDITORS))
    assert sign_in(client, "editor").status_code == 200
    assert sign_in(client, "editor", code(device)).status_code == 302


def test_relaxed_for_local_previews_only_by_the_setting(client, superuser, settings):
    settings.ADMIN_REQUIRE_2FA = False
    assert sign_in(client, "admin").status_code == 302


def test_wrong_passwords_lock_the_account_out_from_that_address(client, superuser, settings):
    device = device_for(superuser)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "admin", "password": "wrong"},
                               REMOTE_ADDR="203.0.113.9")  # fmt: skip
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "admin", "password": "wrong"},
                           REMOTE_ADDR="203.0.113.9")  # fmt: skip
    assert response.status_code == 429
    assert "로그인이 잠겼습니다" in response.content.decode()
    # The right password and code are refused too while locked out…
    response = client.post(LOGIN, {"username": "admin", "password": PASSWORD,
                                   "otp_token": code(device)}, REMOTE_ADDR="203.0.113.9")  # fmt: skip
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302
    # …and every attempt is on record.
    attempt = AccessAttempt.objects.get(username="admin")
    assert (attempt.ip_address, attempt.failures_since_start) == ("203.0.113.9", 6)
    # Someone else, elsewhere, is not locked out by it.
    assert sign_in(client, "admin", code(device, drift=0)).status_code == 302
    assert AccessLog.objects.filter(username="admin", ip_address="203.0.113.7").count() == 1


def test_admin_pages_send_the_content_security_policy(client, superuser, settings):
    settings.ADMIN_REQUIRE_2FA = False
    for url in ("/admin/login/", "/admin/"):
        if url == "/admin/":
            client.force_login(superuser)
        header = client.get(url)["Content-Security-Policy"]
        csp = dict(part.strip().split(" ", 1) for part in header.split(";"))
        assert csp["default-src"] == "'self'"
        assert csp["script-src"] == "'self'"
        assert csp["style-src"] == "'self'"
        assert "unsafe-inline" not in header


def test_add_totp_device_prints_the_address_and_is_idempotent(superuser, capsys):
    call_command("add_totp_device", "admin")
    printed = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=superuser)
    assert device.confirmed
    assert "otpauth://totp/Seoul%20Policy%20Archive%3Aadmin?secret=" in printed
    call_command("add_totp_device", "admin")
    assert "already has an authenticator" in capsys.readouterr().out
    assert TOTPDevice.objects.get(user=superuser) == device
    call_command("add_totp_device", "admin", "--replace")
    assert TOTPDevice.objects.get(user=superuser) != device
