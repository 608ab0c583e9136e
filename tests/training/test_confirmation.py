"""The confirmation after "send": shown once in full, repeated presses, and an outage after the
nomination was stored (issue #14 findings 10, 11 and 13)."""

import re

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.training.factories import form_data
from training import views
from training.models import Nomination

pytestmark = pytest.mark.django_db

APPLY = "/ko/training/open-call/apply/"
CHECK = "/ko/training/open-call/apply/check/"
DONE = "/ko/training/open-call/apply/confirmation/"


def check_page_key(client, **overrides):
    """Fill in the form and return the check page's submission key."""
    assert client.post(APPLY, form_data(**overrides)).status_code == 302
    html = client.get(CHECK).content.decode()
    return re.search(r'name="submission_key" value="([^"]+)"', html).group(1)


def test_a_second_press_of_send_shows_the_same_confirmation(client, programme):
    key = check_page_key(client)
    first = client.post(CHECK, {"submission_key": key})
    assert first.status_code == 302 and first["Location"].startswith(DONE + "?c=")
    # The draft is gone; the second press finds the nomination by its key.
    second = client.post(CHECK, {"submission_key": key})
    assert second.status_code == 302 and second["Location"].startswith(DONE + "?c=")
    assert Nomination.objects.count() == 1
    html = client.get(second["Location"]).content.decode()
    assert html.count("TR-2025-001") == 3  # title, panel and summary
    assert "writer@example.com" in html and "Nguyen Van An" in html
    # A new nomination in the same browser gets a new key, and the old key still finds the old.
    new_key = check_page_key(client, country="ID")
    assert new_key != key
    assert client.get(client.post(CHECK, {"submission_key": key})["Location"]).content.decode(
    ).count("TR-2025-001") == 3  # fmt: skip
    assert Nomination.objects.count() == 1


def test_an_unknown_key_without_a_draft_goes_back_to_the_form(client, programme):
    response = client.post(CHECK, {"submission_key": "x" * 5000})
    assert response["Location"] == APPLY
    assert not Nomination.objects.exists()


def test_the_details_are_shown_for_a_short_time_and_to_the_sender_only(
    client, programme, monkeypatch
):
    key = check_page_key(client)
    done = client.post(CHECK, {"submission_key": key})["Location"]
    html = client.get(done).content.decode()
    assert "writer@example.com" in html and "Nguyen Van An" in html

    # Another browser with the same address sees the reference only.
    html = Client().get(done).content.decode()
    assert "TR-2025-001" in html
    assert "writer@example.com" not in html and "Nguyen Van An" not in html
    assert "더 이상 상세 내용을 표시하지 않습니다" in html

    # Later, the sender too sees the reference only: the private link is the way back.
    monkeypatch.setattr(views, "CONFIRMATION_DETAILS_SECONDS", -1)
    html = client.get(done).content.decode()
    assert "TR-2025-001" in html
    assert "writer@example.com" not in html and "Nguyen Van An" not in html


@pytest.mark.parametrize("value", ["", "garbage", "eyJuIjoxfQ:1abc:forged"])
def test_a_confirmation_address_not_signed_by_the_site_shows_nothing(client, programme, value):
    response = client.get(DONE, {"c": value})
    assert response.status_code == 302
    assert response["Location"] == "/ko/training/open-call/"


def test_the_reference_is_shown_when_the_database_stops_answering(client, programme):
    key = check_page_key(client)
    done = client.post(CHECK, {"submission_key": key})["Location"]

    def refuse(execute, sql, params, many, context):
        raise OperationalError("the database is down")

    with connection.execute_wrapper(refuse):
        response = client.get(done)
    assert response.status_code == 200
    html = response.content.decode()
    assert "TR-2025-001" in html
    assert "이메일이 곧 발송됩니다" in html
    assert "writer@example.com" not in html
