"""Opening a call until a given date: `manage.py open_call` and the programme admin's action."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive_portal.lib.timezone import SEOUL, seoul_today
from tests.training.factories import ProgrammeFactory
from training.models import Programme

pytestmark = pytest.mark.django_db


def closed_programme(**kwargs):
    now = datetime.datetime.now(tz=SEOUL)
    return ProgrammeFactory(
        slug="closed-call",
        applications_open_at=now - datetime.timedelta(days=40),
        application_deadline=now - datetime.timedelta(days=10),
        is_published=False,
        **kwargs,
    )


def run(*args):
    out = StringIO()
    call_command("open_call", *args, stdout=out)
    return out.getvalue()


def test_the_command_opens_a_closed_call_until_the_end_of_the_day(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    programme = closed_programme()
    until = seoul_today() + datetime.timedelta(days=14)
    assert client.get("/en/training/closed-call/apply/").status_code == 404

    output = run("closed-call", "--until", until.isoformat())

    programme.refresh_from_db()
    assert programme.is_published is True
    assert programme.applications_open_at is None
    assert programme.application_deadline == datetime.datetime.combine(
        until, datetime.time(23, 59, 59), tzinfo=SEOUL
    )
    assert programme.status == Programme.Status.OPEN
    assert output == (
        f"closed-call is open for nominations until {until.isoformat()} 23:59:59 (Seoul): "
        "http://127.0.0.1:8000/ko/training/closed-call/apply/\n"
    )
    assert client.get("/en/training/closed-call/apply/").status_code == 200
    # Idempotent: the second run changes nothing and says so.
    assert run("closed-call", "--until", until.isoformat()).startswith("unchanged: closed-call")


def test_dry_run_changes_nothing():
    programme = closed_programme()
    until = seoul_today() + datetime.timedelta(days=3)
    assert run("closed-call", "--until", until.isoformat(), "--dry-run") == (
        f"would open closed-call until {until.isoformat()} 23:59 (Seoul)\n"
    )
    programme.refresh_from_db()
    assert programme.is_published is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing", "--until", "2999-01-01"], "No programme with the slug 'missing'"),
        (["closed-call"], "Give the last day of nominations: --until YYYY-MM-DD."),
        (["closed-call", "--until", "2020-01-01"], r"2020-01-01은\(는\) 이미 지난 날짜입니다."),
    ],
)
def test_bad_arguments_are_refused_with_a_message(args, message):
    closed_programme()
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_without_a_slug_the_programmes_are_listed():
    closed_programme()
    assert run().startswith("closed-call  (closed, deadline ")


def test_the_admin_action_asks_for_the_day_then_opens_the_calls(client, superuser):
    programme = closed_programme()
    client.force_login(superuser)
    data = {"action": "open_until", "_selected_action": [str(programme.pk)]}

    response = client.post("/admin/training/programme/", data)
    assert response.status_code == 200
    assert 'name="until"' in response.content.decode()
    programme.refresh_from_db()
    assert programme.is_published is False

    past = client.post("/admin/training/programme/", {**data, "until": "2020-01-01"})
    assert "오늘 또는 그 뒤의 날을 고르십시오." in past.content.decode()  # the admin is in Korean

    until = seoul_today() + datetime.timedelta(days=7)
    response = client.post("/admin/training/programme/", {**data, "until": until.isoformat()})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == Programme.Status.OPEN
    assert programme.application_deadline.astimezone(SEOUL).date() == until
