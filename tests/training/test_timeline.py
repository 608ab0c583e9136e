"""The applicant follows the review (issue 17): the private link shows the nomination's status as a
timeline with the date of each change and the message staff chose to share (never the internal
note); each change emails the firm after commit, in the language it applied in."""

import datetime

import pytest
from django.core import mail

from archive_portal.lib.timezone import SEOUL
from tests.training.factories import NominationFactory
from training import services
from training.models import NominationStatus, StatusChange, hash_token

pytestmark = pytest.mark.django_db

TOKEN = "the-firms-own-private-token-0123456789-abcdefghij"


def at(day):
    return datetime.datetime(2026, 3, day, 10, 0, tzinfo=SEOUL)


@pytest.fixture
def nomination(programme):
    nomination = NominationFactory(
        programme=programme, access_token_hash=hash_token(TOKEN), language="en"
    )
    StatusChange.objects.create(
        nomination=nomination, from_status="", to_status="submitted", changed_at=at(2)
    )
    return nomination


def change(nomination, to, day, **kwargs):
    return services.nomination_change_status(nomination=nomination, to=to, now=at(day), **kwargs)


def steps(response):
    return [
        (
            step.changed_at.astimezone(SEOUL).date().isoformat(),
            str(step.timeline_label),
            step.message,
        )
        for step in response.context["steps"]
    ]


def test_the_private_link_shows_each_step_with_its_date_and_message(
    client, nomination, django_capture_on_commit_callbacks, reviewer
):
    with django_capture_on_commit_callbacks(execute=True):
        change(nomination, "under_review", 5, by=reviewer, note="서류 확인 중 (내부)")
        change(
            nomination, "waitlisted", 9, by=reviewer,
            message="You are first on the waiting list.\nWe will write by 20 March.",
            note="쿼터 초과: 대기 1번",
        )  # fmt: skip
    response = client.get(f"/en/training/nominations/{TOKEN}/")

    assert steps(response) == [
        ("2026-03-02", "Received", ""),
        ("2026-03-05", "Under review", ""),
        (
            "2026-03-09",
            "On the waiting list",
            "You are first on the waiting list.\nWe will write by 20 March.",
        ),
    ]
    html = response.content.decode()
    assert '<h2 id="timeline-heading">Where your nomination is</h2>' in html
    assert (
        '<p class="timeline__message">You are first on the waiting list.<br>'
        "We will write by 20 March.</p>"
    ) in html
    assert '<time datetime="2026-03-09">9 March 2026</time>' in html  # English dates on /en/
    assert "내부" not in html and "쿼터 초과" not in html  # internal notes stay internal
    assert response["Cache-Control"].startswith("max-age=0")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_record_that_is_not_a_change_is_not_a_step(client, nomination):
    change(nomination, "under_review", 5)
    change(nomination, "selected", 6)
    services.nomination_notify_selection(nominations=[nomination])
    labels = [label for _, label, _ in steps(client.get(f"/ko/training/nominations/{TOKEN}/"))]
    assert labels == ["접수", "검토중", "선정"]


def test_a_nomination_without_its_history_shows_its_status_since_it_was_sent(client, programme):
    """Entered by staff, or kept from before the timeline: no StatusChange row. The timeline is
    never an empty heading."""
    NominationFactory(
        programme=programme, access_token_hash=hash_token(TOKEN), language="en",
        submitted_at=at(2), status="under_review",
    )  # fmt: skip
    html = client.get(f"/en/training/nominations/{TOKEN}/").text
    timeline = html.split('<ol class="timeline__steps">')[1].split("</ol>")[0]
    assert '<time datetime="2026-03-02">2 March 2026</time>' in timeline
    assert "Under review" in timeline and timeline.count("<li") == 1


def test_only_the_holder_of_the_link_sees_the_status(client, nomination):
    change(nomination, "under_review", 5, message="검토를 시작했습니다.")
    assert (
        client.get("/ko/training/nominations/another-token-of-the-same-length-00000/").status_code
        == 404
    )
    assert "검토를 시작했습니다" not in client.get("/ko/training/").text


def test_a_change_emails_the_firm_after_commit_in_its_language(
    nomination, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change(nomination, "under_review", 5, message="We have started the review.")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    (email,) = mail.outbox
    assert email.to == ["writer@example.com"]
    assert email.subject == f"Nomination {nomination.reference}: Under review"
    assert f"The status of nomination {nomination.reference} for “" in email.body
    assert "is now: Under review." in email.body
    assert "Changed on 5 March 2026 (Seoul time)." in email.body
    assert "Message from the training team:\nWe have started the review." in email.body


def test_a_korean_applicant_gets_korean_mail(nomination, django_capture_on_commit_callbacks):
    nomination.language = "ko"
    nomination.save()
    with django_capture_on_commit_callbacks(execute=True):
        change(nomination, "under_review", 5)
    (email,) = mail.outbox
    assert email.subject == f"추천 {nomination.reference}: 검토중"
    assert "변경일: 2026-03-05 (서울 시각)" in email.body  # the archive's Korean dates are ISO


def test_a_refused_change_sends_nothing(nomination, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.StatusNotAllowed):
        change(nomination, "selected", 5)
    assert mail.outbox == []
    assert nomination.status_changes.count() == 1


def test_the_waiting_list_transitions():
    can = NominationStatus.can_change
    assert can("under_review", "waitlisted")
    assert can("waitlisted", "selected")
    assert can("waitlisted", "not_selected")
    assert can("selected", "waitlisted")
    assert not can("submitted", "waitlisted")
    assert not can("withdrawn", "waitlisted")


@pytest.mark.parametrize("count", [1, 3])
def test_the_private_link_query_count_is_fixed(
    client, nomination, django_assert_num_queries, count
):
    for day in range(count):
        StatusChange.objects.create(
            nomination=nomination, from_status="submitted", to_status="under_review",
            changed_at=at(3 + day), message=f"메시지 {day}",
        )  # fmt: skip
    client.get(f"/ko/training/nominations/{TOKEN}/")
    # nomination with its programme, trainees, milestones, status changes
    with django_assert_num_queries(4):
        client.get(f"/ko/training/nominations/{TOKEN}/")
