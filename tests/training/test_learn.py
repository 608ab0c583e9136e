""" "Learn this policy in Seoul" (issue 17): a foreign city or organisation asks for training or a
study visit, with the protections of the nomination form; staff follow requests in the admin;
the personal data is purged after its retention period."""

import datetime
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.publications.factories import PublicationFactory
from training.models import LearningRequest

pytestmark = pytest.mark.django_db

URL = "/en/training/learn/"


def answers(**overrides):
    data = {
        "kind": "study_visit",
        "policy": "Cheonggyecheon restoration",
        "organisation": "Hanoi People's Committee",
        "city": "Hanoi",
        "country": "VN",
        "preferred_period": "October 2027",
        "group_size": "12",
        "contact_name": "Nguyen Thi Lan",
        "position": "Deputy Director",
        "email": "lan@hanoi.gov.vn",
        "phone": "+84 24 3825 1234",
        "message": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_publication_page_links_to_the_form_which_names_it(client):
    case = PublicationFactory(slug="cheonggyecheon", title="청계천 복원", kind="policy_case")
    html = client.get("/en/publications/cheonggyecheon/").content.decode()
    assert (
        f'<a class="button button--secondary" href="/en/training/learn/?publication={case.pk}">'
        in html
    )

    response = client.get(f"{URL}?publication={case.pk}")
    html = response.content.decode()
    assert (
        'You are asking about: <a href="/en/publications/cheonggyecheon/">청계천 복원</a>' in html
    )
    assert 'name="policy" value="청계천 복원"' in html
    assert f'<input type="hidden" name="publication" value="{case.pk}">' in html
    assert response["Cache-Control"].startswith("max-age=0")  # a form: never cached
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("value", ["999999", "abc", "1" * 30, "-1"])
def test_an_unknown_publication_is_ignored(client, value):
    response = client.get(f"{URL}?publication={value}")
    assert response.status_code == 200
    assert response.context["publication"] is None


def test_a_draft_publication_is_not_named(client):
    draft = PublicationFactory(status="draft", title="초안")
    assert client.get(f"{URL}?publication={draft.pk}").context["publication"] is None


def test_errors_are_summarised_next_to_their_fields_and_nothing_typed_is_lost(client):
    response = client.post(URL, answers(kind="", email="not-an-email", group_size="0", consent=""))

    assert response.status_code == 400
    assert response.context["errors"] == [
        ("id_kind", "Choose a training programme or a study visit"),
        ("id_group_size", "Enter a group size of at least 1"),
        ("id_email", "Enter an email address in the correct format, like name@example.com"),
        (
            "id_consent",
            "Tick the box to agree to the collection and use of personal data, or the request "
            "cannot be received",
        ),
    ]
    html = response.content.decode()
    assert '<a href="#id_email">Enter an email address in the correct format' in html
    assert 'value="Hanoi People&#x27;s Committee"' in html
    assert "<title>Error: Learn this policy in Seoul" in html
    assert LearningRequest.objects.count() == 0
    assert mail.outbox == []


def test_korean_errors_on_the_korean_form(client):
    response = client.post("/ko/training/learn/", answers(organisation=""))
    assert ("id_organisation", "기관명을 입력하세요") in response.context["errors"]


def test_a_request_is_stored_with_a_reference_and_emails_go_after_commit(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TRAINING_REQUESTS_EMAIL = ["training@seoul.go.kr"]
    case = PublicationFactory(title="청계천 복원")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL, answers(publication=str(case.pk)))

    assert len(callbacks) == 1
    request = LearningRequest.objects.get()
    assert request.reference.startswith(f"LR-{timezone.localdate().year}-")
    assert len(request.reference) == len("LR-2026-A1B2C3")
    assert (request.publication, request.language, request.group_size) == (case, "en", 12)
    assert request.status == "new"
    assert request.consent_notice_version == "2026-1"
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert f'<strong class="reference">{request.reference}</strong>' in sent.text
    assert [m.to for m in mail.outbox] == [["lan@hanoi.gov.vn"], ["training@seoul.go.kr"]]
    assert mail.outbox[0].subject == f"Request received: {request.reference}"
    assert "Thank you for your interest in learning about “Cheonggyecheon restoration”" in (
        mail.outbox[0].body
    )
    assert mail.outbox[1].subject == f"새 연수·방문 요청 {request.reference}"
    assert f"/admin/training/learningrequest/{request.pk}/change/" in mail.outbox[1].body


def test_the_confirmation_needs_its_signed_reference(client):
    assert client.get("/en/training/learn/sent/?r=LR-2026-ABCDEF")["Location"] == URL
    assert client.get("/en/training/learn/sent/")["Location"] == URL


def test_the_confirmation_shows_nothing_personal(client):
    response = client.post(URL, answers())
    reference = parse_qs(urlparse(response["Location"]).query)["r"][0]
    html = client.get(f"/en/training/learn/sent/?r={reference}").content.decode()
    assert "Nguyen Thi Lan" not in html and "lan@hanoi.gov.vn" not in html


def test_a_bot_filling_the_honeypot_is_refused(client):
    response = client.post(URL, answers(website="http://spam.example"))
    assert response.status_code == 400
    assert LearningRequest.objects.count() == 0


def test_the_rate_limit_refuses_past_the_hourly_number(client_ip, settings):
    settings.TRAINING_REQUESTS_PER_HOUR = 2
    client = client_ip("198.51.100.7")
    assert client.post(URL, answers()).status_code == 302
    assert client.post(URL, answers()).status_code == 302
    refused = client.post(URL, answers())
    assert refused.status_code == 429
    assert refused.context["errors"] == [
        (
            "form-errors",
            "Too many requests were sent from your network address in the last hour. Try again "
            "later.",
        )
    ]
    assert LearningRequest.objects.count() == 2
    assert client_ip("198.51.100.8").post(URL, answers()).status_code == 302


def test_behind_a_trusted_proxy_each_visitor_has_their_own_count(settings):
    """The proxy's address is shared by everyone; the address it appends is the visitor's
    (archive_portal.lib.client, the same rule as the sign-in throttling)."""
    settings.TRAINING_REQUESTS_PER_HOUR = 1
    settings.TRAINING_TRUST_X_FORWARDED_FOR = True
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    first = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    second = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.8"}  # the same forged first hop
    assert proxy.post(URL, answers(), **first).status_code == 302
    assert proxy.post(URL, answers(), **second).status_code == 302
    assert proxy.post(URL, answers(), **first).status_code == 429
    assert LearningRequest.objects.count() == 2


def test_requests_are_never_public(client):
    client.post(URL, answers())
    for path in ("/en/search/?q=Hanoi", "/en/training/", "/sitemap.xml"):
        assert "Nguyen Thi Lan" not in client.get(path).content.decode()


def test_staff_follow_a_request_and_link_it_to_a_programme(client, reviewer, programme):
    client.post(URL, answers())
    request = LearningRequest.objects.get()
    client.force_login(reviewer)
    page = client.get(f"/admin/training/learningrequest/{request.pk}/change/")
    assert page.status_code == 200
    assert "lan@hanoi.gov.vn" in page.text
    response = client.post(
        f"/admin/training/learningrequest/{request.pk}/change/",
        {"status": "planned", "programme": programme.pk, "staff_notes": "10월 연수에 포함"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.programme, request.staff_notes) == (
        "planned", programme, "10월 연수에 포함",
    )  # fmt: skip
    assert request.email == "lan@hanoi.gov.vn"  # what the sender wrote stays as sent


def test_purge_removes_the_personal_data_of_old_requests_once(client):
    client.post(URL, answers())
    client.post(URL, answers(email="recent@example.org"))
    old, recent = LearningRequest.objects.order_by("id")
    old.created_at = timezone.now() - datetime.timedelta(days=731)
    old.save()

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert f"anonymised request {old.reference}" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.email, old.phone) == ("", "", "")
    assert old.anonymised_at is not None
    assert old.organisation == "Hanoi People's Committee"  # what was asked is kept
    assert recent.email == "recent@example.org"

    again = io.StringIO()
    call_command("purge_personal_data", stdout=again)
    assert "anonymised request" not in again.getvalue()
    assert "0 training requests purged" in again.getvalue()


def test_the_countries_are_in_the_pages_language_order_with_current_names(client):
    # Issue 15's country list, on the second public form (issue 17) too.
    for path, first in (("/ko/training/learn/", ["GH", "GA", "GY"]), (URL, ["AF", "AX", "AL"])):
        html = client.get(path).content.decode()
        select = html[html.index('<select name="country"') : html.index("</select>")]
        assert re.findall(r'<option value="([A-Z]{2})"', select)[:3] == first, path
    html = client.get("/ko/training/learn/").content.decode()
    assert '<option value="TR">튀르키예</option>' in html and "터키" not in html
