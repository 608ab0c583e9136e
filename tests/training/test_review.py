"""One call's nominations on one screen: counts per status, the quota used and left, the
nominations by country; bulk decisions that respect the quota, record who decided and email
the applicants once committed — all through the one status-change function."""

import pytest
from django.core import mail

from tests.training.factories import NominationFactory, TraineeFactory
from training import services
from training.models import NominationStatus, StatusChange

pytestmark = pytest.mark.django_db


def review_url(programme):
    return f"/admin/training/nomination/review/{programme.pk}/"


@pytest.fixture
def nominations(programme):
    """Quota 2 countries; Vietnam twice, Indonesia and Mongolia once; two trainees each."""
    rows = [
        NominationFactory(programme=programme, country="VN", city="하노이"),
        NominationFactory(programme=programme, country="VN", city="호찌민"),
        NominationFactory(programme=programme, country="ID", city="자카르타"),
        NominationFactory(programme=programme, country="MN", city="울란바토르",
                          status=NominationStatus.UNDER_REVIEW),
    ]  # fmt: skip
    for nomination in rows:
        TraineeFactory.create_batch(2, nomination=nomination)
    return rows


def test_the_review_page_counts_groups_and_shows_the_quota(
    client, superuser, programme, nominations, django_assert_num_queries
):
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    NominationFactory(programme=programme, country="KH", status=NominationStatus.SELECTED)
    # session, user, their authenticator (the second factor), the programme, its nominations
    with django_assert_num_queries(5):
        response = client.get(review_url(programme))
    page = response.content.decode()
    counts = page.split('id="status-counts"')[1].split("</table>")[0]
    assert '<th scope="row">Submitted</th><td class="num">3</td>' in counts
    assert '<th scope="row">Under review</th><td class="num">1</td>' in counts
    assert '<th scope="row">Selected</th><td class="num">1</td>' in counts
    quota = page.split('id="quota"')[1].split("</table>")[0]
    assert (
        '<th scope="row">Countries in total</th><td class="num">2</td><td class="num">1</td>'
        '<td class="num"><strong>1</strong></td>' in quota
    )
    headings = [part.split("<")[0].strip() for part in page.split('<h2 id="country-')[1:]]
    assert headings == ['KH">Cambodia', 'ID">Indonesia', 'MN">Mongolia', 'VN">Vietnam']
    assert page.count('name="nominations"') == 5


def test_a_bulk_decision_within_the_quota_records_and_emails_after_commit(
    client, superuser, programme, nominations, django_capture_on_commit_callbacks
):
    hanoi, saigon, jakarta, ulaanbaatar = nominations
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(programme),
            {"decision": "selected", "nominations": [hanoi.pk, jakarta.pk], "notify": "on",
             "note": "1차 심사"},
        )  # fmt: skip
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            review_url(programme),
            {"decision": "waitlisted", "nominations": [saigon.pk, ulaanbaatar.pk], "notify": "on"},
        )
    statuses = {n.reference: n.status for n in programme.nominations.all()}
    assert statuses == {
        hanoi.reference: "selected",
        jakarta.reference: "selected",
        saigon.reference: "waitlisted",
        ulaanbaatar.reference: "waitlisted",
    }
    history = list(
        StatusChange.objects.filter(nomination=hanoi).values_list(
            "from_status", "to_status", "changed_by__username"
        )
    )
    assert history[:2] == [
        ("submitted", "under_review", "admin"),
        ("under_review", "selected", "admin"),
    ]
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            ("writer@example.com", f"추천 {hanoi.reference} 선정 안내"),
            ("writer@example.com", f"추천 {jakarta.reference} 선정 안내"),
            ("writer@example.com", f"추천 {saigon.reference}이(가) 대기 명단에 올랐습니다"),
            ("writer@example.com", f"추천 {ulaanbaatar.reference}이(가) 대기 명단에 올랐습니다"),
        ]
    )
    assert "자리가 나면 다시 연락드리겠습니다." in mail.outbox[-1].body


def test_a_batch_beyond_the_quota_is_refused_whole(
    client, superuser, programme, nominations, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(programme),
            {"decision": "selected", "nominations": [n.pk for n in nominations[1:]],
             "notify": "on"},
            follow=True,
        )  # fmt: skip
    page = response.content.decode()
    assert "Nothing was changed:" in page
    assert "already has 2 selected countries, its quota." in page
    assert set(programme.nominations.values_list("status", flat=True)) == {
        "submitted", "under_review",
    }  # fmt: skip
    assert mail.outbox == []


def test_nominations_of_another_call_are_refused(programme, superuser, nominations):
    other = NominationFactory()
    with pytest.raises(services.NotInProgramme):
        services.nominations_decide(
            programme=programme, nominations=[other], to="selected", by=superuser
        )
    assert other.status == "submitted"


def test_the_list_fits_the_reviewers_columns_and_filters_present_countries(
    client, superuser, programme, nominations
):
    client.force_login(superuser)
    response = client.get(f"/admin/training/nomination/?programme__id__exact={programme.pk}")
    page = response.content.decode()
    headers = [h.split("<")[0] for h in page.split('<div class="text"><a href="?')[1:]]
    assert len(headers) == 7
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "추천 국가")
    assert [str(label) for _, label in spec.lookup_choices] == ["몽골리아", "베트남", "인도네시아"]
    searched = client.get("/admin/training/nomination/?q=Nguyen Van")
    assert searched.context["cl"].result_count == 4
