"""The writer's private link: view, change and withdraw until the deadline; view only after."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.training.factories import MilestoneFactory, NominationFactory, TraineeFactory, form_data
from training.models import Nomination, hash_token

pytestmark = pytest.mark.django_db

TOKEN = "a-very-secret-token-for-the-writer-only-0123456789"


@pytest.fixture
def nomination(programme):
    nomination = NominationFactory(
        programme=programme,
        access_token_hash=hash_token(TOKEN),
        company="한국철도기술(주)",
        reference="TR-2025-001",
        sequence=1,
    )
    TraineeFactory(nomination=nomination, name="Nguyen Van An")
    MilestoneFactory(nomination=nomination)
    return nomination


def url(suffix=""):
    return f"/ko/training/nominations/{TOKEN}/{suffix}"


def test_wrong_token_is_404(client, nomination):
    assert client.get("/ko/training/nominations/wrong-token/").status_code == 404
    assert client.get(url()[:-2] + "/").status_code == 404
    assert client.get("/ko/training/nominations/wrong-token/change/").status_code == 404
    assert client.post("/ko/training/nominations/wrong-token/withdraw/").status_code == 404


def test_view_before_deadline(client, nomination):
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "TR-2025-001" in html and "Nguyen Van An" in html
    assert url("change/") in html and url("withdraw/") in html
    assert "no-cache" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_after_deadline_view_only(client, nomination, programme):
    programme.application_deadline = timezone.now() - datetime.timedelta(minutes=1)
    programme.save()
    html = client.get(url()).content.decode()
    assert "접수가 마감되어 더 이상 변경하거나 철회할 수 없습니다" in html
    assert url("change/") not in html
    assert client.get(url("change/"))["Location"] == url()
    assert client.post(url("change/"), form_data())["Location"] == url()
    assert client.post(url("withdraw/"))["Location"] == url()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_change_through_the_link(client, nomination, django_capture_on_commit_callbacks):
    form = client.get(url("change/")).content.decode()
    assert "Nguyen Van An" in form and "2024-03-14" in form
    response = client.post(url("change/"), form_data(city="호찌민"))
    assert response["Location"] == url("change/check/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("change/check/"))
    assert response["Location"] == url()
    nomination.refresh_from_db()
    assert nomination.city == "호찌민"
    assert nomination.reference == "TR-2025-001"
    assert list(nomination.trainees.values_list("name", flat=True)) == [
        "Nguyen Van An",
        "Tran Thi Binh",
    ]
    assert mail.outbox[0].subject == "추천 변경 완료: TR-2025-001"
    assert "변경 내용을 저장했습니다." in client.get(url()).content.decode()


def test_withdraw_through_the_link(client, nomination, django_capture_on_commit_callbacks):
    assert (
        "추천 TR-2025-001을(를) 철회하시겠습니까?" in client.get(url("withdraw/")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("withdraw/"))["Location"] == url()
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"
    html = client.get(url()).content.decode()
    assert "철회된 추천입니다." in html
    assert url("change/") not in html
    assert len(mail.outbox) == 2


def test_anonymised_nomination_link_is_gone(client, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(anonymised_at=timezone.now())
    assert client.get(url()).status_code == 404
