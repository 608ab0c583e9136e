""" "Hear about the next call" (issue 17, part 5): subscribe by email with double opt-in, one-click
unsubscribe in every message, and send_subscriptions announcing each new item once."""

import datetime
import io
import re
import time

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone, translation

from news.models import NewsItem
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory, sector
from tests.training.factories import ProgrammeFactory
from training import subscriptions
from training.models import Subscription, SubscriptionDelivery

pytestmark = pytest.mark.django_db

URL = "/en/training/subscribe/"


def answers(**overrides):
    data = {
        "calls": "on",
        "email": "lan@hanoi.gov.vn",
        "language": "en",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link(body, kind):
    return re.search(rf"http://testserver(/\w\w/training/subscribe/{kind}/[^/\s]+/)", body)[1]


def subscribe(client, capture, **overrides):
    """Subscribe and confirm by the emailed link; the confirmed subscription."""
    with capture(execute=True):
        response = client.post(URL, answers(**overrides))
    assert response.status_code == 302, response.context and response.context["errors"]
    confirm = link(mail.outbox[-1].body, "confirm")
    assert client.post(confirm)["Location"] == "/en/training/subscribe/confirmed/"
    return Subscription.objects.get(email=answers(**overrides)["email"])


def send(capture):
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_subscriptions", stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_subscribe_confirm_then_one_email_per_new_call_and_nothing_the_second_time(
    client, django_capture_on_commit_callbacks
):
    old_call = ProgrammeFactory(title_en="The call before")
    Subscription.objects.filter().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, answers())
    assert response["Location"] == "/en/training/subscribe/sent/"
    pending = Subscription.objects.get()
    assert (pending.email, pending.confirmed_at, pending.topics) == ("lan@hanoi.gov.vn", None, [])
    assert pending.pending_topics == ["calls"]
    [confirmation] = mail.outbox
    assert confirmation.to == ["lan@hanoi.gov.vn"]
    assert confirmation.subject == "Confirm your subscription to the Seoul Policy Archive"
    assert "- New training calls" in confirmation.body
    # Not confirmed: nothing is sent.
    ProgrammeFactory(title_en="Too early")
    send(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    confirm = link(confirmation.body, "confirm")
    page = client.get(confirm)
    assert "Confirm my subscription</button>" in page.text
    assert Subscription.objects.get().confirmed_at is None  # a GET confirms nothing
    assert client.post(confirm)["Location"] == "/en/training/subscribe/confirmed/"
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert (subscription.topics, subscription.language) == (["calls"], "en")
    assert client.get(confirm).status_code == 404  # used once

    call = ProgrammeFactory(title_en="Urban railway training 2027", slug="railway-2027")
    ProgrammeFactory(is_published=False, title_en="A draft call")
    output = send(django_capture_on_commit_callbacks)
    assert "1 emails sent" in output
    assert len(mail.outbox) == 2
    digest = mail.outbox[1]
    assert digest.to == ["lan@hanoi.gov.vn"]
    assert digest.subject == "Seoul Policy Archive: 1 new item"
    assert "- Urban railway training 2027\n  http://testserver/en/training/railway-2027/" in (
        digest.body
    )
    assert "A draft call" not in digest.body and old_call.title_en not in digest.body
    assert list(SubscriptionDelivery.objects.values_list("item", flat=True)) == [
        f"training.programme:{call.pk}"
    ]

    send(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # run twice: nothing more


def test_the_digest_carries_one_click_unsubscribe_which_deletes_the_address(
    client, django_capture_on_commit_callbacks
):
    subscription = subscribe(client, django_capture_on_commit_callbacks)
    ProgrammeFactory(title_en="New call")
    send(django_capture_on_commit_callbacks)
    digest = mail.outbox[-1]
    unsubscribe = link(digest.body, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in digest.message().as_string()

    # A GET only asks.
    page = client.get(unsubscribe)
    assert '<button type="submit" class="button">Unsubscribe</button>' in page.text
    assert Subscription.objects.filter(pk=subscription.pk).exists()

    # The mail program's POST: no cookie, no CSRF token.
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "We have deleted your address" in response.text
    assert not Subscription.objects.filter(email__iexact="lan@hanoi.gov.vn").exists()
    assert SubscriptionDelivery.objects.count() == 0
    # Again: the same answer, nothing to delete.
    assert one_click.post(unsubscribe).status_code == 200
    assert client.get(unsubscribe[:-5] + "xxxx/").status_code == 404


def test_news_and_publications_by_topic_in_the_subscribers_language(
    client, django_capture_on_commit_callbacks
):
    transport = sector("transportation")
    subscribe(
        client,
        django_capture_on_commit_callbacks,
        calls=None,
        news=["event"],
        publications=[str(transport.pk)],
    )
    now = timezone.now()
    today = timezone.localdate()
    with translation.override("ko"):  # the factories' `title` is the Korean one
        NewsItemFactory(title="서울 행사", category="event", published_at=now)
        NewsItemFactory(title="보도자료", category="press_release", published_at=now)
        scheduled = NewsItemFactory(
            title="예약된 행사", category="event", published_at=now + datetime.timedelta(hours=2)
        )
        PublicationFactory(
            title="교통 보고서",
            title_en="Transport report",
            published_on=today,
            sectors=["transportation"],
        )
        PublicationFactory(
            title="미래 보고서",
            published_on=today + datetime.timedelta(days=3),
            sectors=["transportation"],
        )
        PublicationFactory(title="환경", published_on=today, sectors=["environment"])
        PublicationFactory(
            title="옛 교통 보고서",
            published_on=today - datetime.timedelta(days=30),
            sectors=["transportation"],
        )
        ProgrammeFactory(title="아무도 신청하지 않은 공고")

    send(django_capture_on_commit_callbacks)
    digest = mail.outbox[-1]
    assert digest.subject == "Seoul Policy Archive: 2 new items"
    body = digest.body
    assert "News\n\n- 서울 행사 (in Korean)\n" in body
    assert "Publications & policy cases\n\n- Transport report\n" in body
    for absent in ("보도자료", "예약된 행사", "미래 보고서", "환경", "옛 교통", "아무도"):
        assert absent not in body

    # The scheduled item's time comes (moved to now, the database's clock cannot be): it is
    # sent then, alone.
    NewsItem.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    send(django_capture_on_commit_callbacks)
    assert "예약된 행사" in mail.outbox[-1].body
    assert mail.outbox[-1].subject == "Seoul Policy Archive: 1 new item"


def test_a_korean_subscriber_gets_korean(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ko/training/subscribe/", answers(language="ko"))
    assert mail.outbox[0].subject == "서울정책아카이브 알림 신청을 확인해 주세요"
    confirm = link(mail.outbox[0].body, "confirm")
    assert confirm.startswith("/ko/training/subscribe/confirm/")
    client.post(confirm)
    with translation.override("ko"):
        ProgrammeFactory(title="도시철도 초청연수 2027", slug="railway-2027")
    send(django_capture_on_commit_callbacks)
    assert "- 도시철도 초청연수 2027\n  http://testserver/ko/training/railway-2027/" in (
        mail.outbox[-1].body
    )


def test_the_same_answer_whether_or_not_the_address_is_subscribed(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(URL, answers(email="LAN@hanoi.gov.vn", news=["notice"]))
        new = client.post(URL, answers(email="someone@else.org"))
    assert again["Location"] == new["Location"] == "/en/training/subscribe/sent/"
    assert client.get(again["Location"]).text == client.get(new["Location"]).text
    existing = Subscription.objects.get(email="lan@hanoi.gov.vn")
    # The current choices hold until the new ones are confirmed.
    assert (existing.topics, existing.pending_topics) == (["calls"], ["calls", "news:notice"])
    assert Subscription.objects.count() == 2


def test_confirmation_emails_to_one_address_are_capped(
    client_ip, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            response = client_ip(f"203.0.113.{number}").post(URL, answers())
            assert response.status_code == 302
    assert len(mail.outbox) == subscriptions.CONFIRMATIONS_PER_ADDRESS_PER_DAY


def test_errors_next_to_their_fields_keep_what_was_typed(client):
    response = client.post(
        URL, answers(calls=None, email="not-an-email", language="fr", consent=None)
    )
    assert response.status_code == 400
    assert response.context["errors"] == [
        ("id_calls", "Choose at least one thing to hear about"),
        ("id_email", "Enter an email address in the correct format, like name@example.com"),
        ("id_language", "Choose the language of the emails"),
        (
            "id_consent",
            "Tick the box to agree to the collection and use of personal data, or we cannot "
            "email you",
        ),
    ]
    html = response.text
    assert 'value="not-an-email"' in html
    assert '<a href="#id_email">Enter an email address in the correct format' in html
    assert '<span class="error-message" id="id_calls-error">' in html
    assert "<title>Error: Hear about the next call" in html
    assert Subscription.objects.count() == 0


def test_korean_errors_on_the_korean_form(client):
    response = client.post("/ko/training/subscribe/", answers(email=""))
    assert response.context["errors"] == [("id_email", "이메일 주소를 입력하세요")]


def test_the_form_offers_the_lists_and_links_the_privacy_notice(client):
    html = client.get(URL).text
    assert '<input type="checkbox" name="calls" id="id_calls-input" checked>' in html
    assert 'value="press_release"' in html
    assert f'name="publications" value="{sector("transportation").pk}"' in html
    assert '<input type="radio" name="language" value="en"' in html
    assert "Until you unsubscribe: the link in every email deletes your address at once." in html


def test_a_bot_filling_the_honeypot_is_refused(client):
    response = client.post(URL, answers(website="http://spam.example"))
    assert response.status_code == 400
    assert ("id_website", "Your subscription could not be accepted.") in response.context["errors"]
    assert Subscription.objects.count() == 0


def test_the_rate_limit_per_network_address(client_ip, settings):
    settings.TRAINING_SUBSCRIPTIONS_PER_HOUR = 2
    visitor = client_ip("198.51.100.7")
    for number in range(2):
        assert visitor.post(URL, answers(email=f"a{number}@example.org")).status_code == 302
    refused = visitor.post(URL, answers(email="third@example.org"))
    assert refused.status_code == 429
    assert refused.context["errors"] == [
        (
            "form-errors",
            "Too many subscriptions were sent from your network address in the last hour. Try "
            "again later.",
        )
    ]
    assert 'value="third@example.org"' in refused.text
    assert not Subscription.objects.filter(email="third@example.org").exists()
    assert client_ip("198.51.100.8").post(URL, answers(email="x@example.org")).status_code == 302


def test_a_bad_an_expired_or_a_superseded_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, answers())
    first = link(mail.outbox[0].body, "confirm")
    assert client.get("/en/training/subscribe/confirm/nonsense/").status_code == 404
    assert client.post("/en/training/subscribe/unsubscribe/nonsense/").status_code == 404

    class EightDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 8 * 24 * 60 * 60)

    pending = Subscription.objects.get()
    expired = EightDaysAgo(salt=subscriptions.CONFIRM_SALT).sign_object(
        {"s": pending.pk, "k": pending.confirm_key}
    )
    response = client.post(f"/en/training/subscribe/confirm/{expired}/")
    assert response.status_code == 404
    assert "This link has expired" in response.text
    assert Subscription.objects.get().confirmed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, answers())  # asked again: a new link retires the first
    assert client.post(first).status_code == 404
    assert client.post(link(mail.outbox[1].body, "confirm")).status_code == 302


def test_purge_deletes_unconfirmed_subscriptions_past_the_links_life(
    client, django_capture_on_commit_callbacks
):
    confirmed = subscribe(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, answers(email="late@example.org"))
        client.post(URL, answers(email="recent@example.org"))
    old = timezone.now() - datetime.timedelta(days=8)
    Subscription.objects.filter(email__in=["late@example.org", confirmed.email]).update(
        requested_at=old
    )
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "1 unconfirmed subscriptions deleted" in out.getvalue()
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "lan@hanoi.gov.vn",
        "recent@example.org",
    ]


def test_two_runs_claim_each_item_once(client, django_capture_on_commit_callbacks):
    """The sent-log's unique constraint: a second claim of the same item fails."""
    from django.db import IntegrityError, transaction

    subscription = subscribe(client, django_capture_on_commit_callbacks)
    SubscriptionDelivery.objects.create(subscription=subscription, item="training.programme:1")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionDelivery.objects.create(subscription=subscription, item="training.programme:1")


def test_only_subscription_managers_see_the_addresses_with_counts(
    client, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from archive_portal.groups import (
        EDITORS,
        SUBSCRIPTION_MANAGERS,
        TRAINING_REVIEWERS,
        sync_staff_groups,
    )

    subscribe(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, answers(email="pending@example.org", news=["event"]))
    sync_staff_groups()
    assert {
        perm.codename for perm in Group.objects.get(name=SUBSCRIPTION_MANAGERS).permissions.all()
    } == {"view_subscription", "delete_subscription"}
    users = django_user_model.objects
    staff = {}
    for name, group in (("ed", EDITORS), ("rv", TRAINING_REVIEWERS), ("sm", SUBSCRIPTION_MANAGERS)):
        staff[name] = users.create_user(username=name, password="a-long-password", is_staff=True)
        staff[name].groups.add(Group.objects.get(name=group))

    url = "/admin/training/subscription/"
    for name in ("ed", "rv"):
        client.force_login(staff[name])
        assert client.get(url).status_code == 403
    client.force_login(staff["sm"])
    html = client.get(url).text
    assert "lan@hanoi.gov.vn" in html and "pending@example.org" in html
    # The admin speaks Korean: the filters count by state and topic.
    assert "확인됨 (1)" in html and "확인 대기 (1)" in html
    assert "새 초청연수 모집 공고 (1)" in html
    assert client.get(f"{url}add/").status_code == 403


def confirmed(email="lan@hanoi.gov.vn", topics=("calls",)):
    return Subscription.objects.create(
        email=email,
        language="en",
        topics=list(topics),
        confirmed_at=timezone.now() - datetime.timedelta(hours=1),
        confirm_key="c",
        unsubscribe_key="u",
        consent_notice_version="2026-1",
    )


@pytest.mark.django_db(transaction=True)
def test_a_subscriber_another_run_holds_is_skipped_and_never_sent_twice():
    """Two runs at once: the one that finds a subscriber locked skips it (SKIP LOCKED) rather
    than wait and send the same items again."""
    import threading

    from django.db import connection, transaction

    subscription = confirmed()
    ProgrammeFactory(title_en="New call")
    locked, release = threading.Event(), threading.Event()

    def other_run():
        with transaction.atomic():
            Subscription.objects.select_for_update().get(pk=subscription.pk)
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=other_run)
    holder.start()
    assert locked.wait(10)
    try:
        assert subscriptions.send_digests() == 0
        assert mail.outbox == []
    finally:
        release.set()
        holder.join()
    assert subscriptions.send_digests() == 1
    assert subscriptions.send_digests() == 0
    assert len(mail.outbox) == 1


class BrokenBackend:
    """An email backend whose server refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.mark.django_db(transaction=True)
def test_a_digest_that_could_not_be_sent_is_tried_again_next_run(settings):
    confirmed()
    ProgrammeFactory(title_en="New call")
    settings.EMAIL_BACKEND = "tests.training.test_subscriptions.BrokenBackend"
    subscriptions.send_digests()
    assert SubscriptionDelivery.objects.count() == 0  # the claim was withdrawn
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    subscriptions.send_digests()
    assert [message.subject for message in mail.outbox] == ["Seoul Policy Archive: 1 new item"]
    assert SubscriptionDelivery.objects.count() == 1
