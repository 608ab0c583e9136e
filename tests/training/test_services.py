"""The state-change function, the quota, reference numbering under concurrency, emails on commit."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from tests.training.factories import (
    MilestoneFactory,
    NominationFactory,
    ProgrammeFactory,
    TraineeFactory,
)
from training import services
from training.models import Nomination, NominationStatus, StatusChange, hash_token

pytestmark = pytest.mark.django_db


def submit(programme, submission_key=None, **overrides):
    data = {
        "writer_name": "김서울",
        "writer_email": "writer@example.com",
        "writer_phone": "02-1234-5678",
        "company": "한국철도기술",
        "country": "VN",
        "city": "하노이",
        "institution": "하노이 도시철도공사",
        "city_overview": "인구 850만",
        "railway_plan": "3호선 건설",
        "consent_given_at": timezone.now(),
        "consent_notice_version": "2025-1",
    }
    data.update(overrides)
    return services.nomination_submit(
        programme=programme,
        data=data,
        trainees=[
            {
                "name": "Nguyen Van An",
                "position": "국장",
                "duties": "정책",
                "reason": "관리자",
                "english_ability": "fluent",
            }
        ],
        milestones=[{"date": datetime.date(2024, 3, 14), "description": "MOU"}],
        submission_key=submission_key,
    )


def test_references_are_sequential_per_programme(programme):
    other = ProgrammeFactory(reference_prefix="TR-2026")
    assert submit(programme)[0].reference == "TR-2025-001"
    assert submit(programme, country="ID")[0].reference == "TR-2025-002"
    assert submit(other)[0].reference == "TR-2026-001"
    assert submit(programme, country="PH")[0].reference == "TR-2025-003"


def test_token_is_stored_hashed(programme):
    nomination, token = submit(programme)
    assert len(token) >= 40
    assert token not in nomination.access_token_hash
    assert nomination.access_token_hash == hash_token(token)
    assert nomination.access_token_hash != hash_token(token + "x")


def test_emails_are_sent_on_commit_only(programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        nomination, token = submit(programme)
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["writer@example.com"], ["staff@seoul.go.kr"]]
    body = mail.outbox[0].body
    assert "TR-2025-001" in body
    assert f"/ko/training/nominations/{token}/" in body
    assert "02-6438-2522" in body


def test_no_email_when_the_transaction_rolls_back(programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                submit(programme)
                raise RuntimeError("something later in the same transaction failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not Nomination.objects.exists()


def test_submit_after_deadline_is_refused(programme):
    with pytest.raises(services.ProgrammeClosed):
        services.nomination_submit(
            programme=programme,
            data={},
            trainees=[],
            milestones=[],
            now=programme.application_deadline + datetime.timedelta(seconds=1),
        )
    assert not Nomination.objects.exists()


def test_duplicate_firm_and_country_is_refused_without_naming_the_reference(programme):
    first, _token = submit(programme, company="한국철도기술")
    with pytest.raises(services.DuplicateNomination) as excinfo:
        submit(programme, company=" 한국철도기술 ")
    assert first.reference not in str(excinfo.value.messages)
    assert excinfo.value.code == "duplicate"
    # Once withdrawn, the firm may nominate the country again.
    services.nomination_change_status(nomination=first, to="withdrawn")
    assert submit(programme, company="한국철도기술")[0].reference == "TR-2025-002"


def test_status_changes_record_who_and_when(programme, superuser):
    nomination = NominationFactory(programme=programme)
    services.nomination_change_status(nomination=nomination, to="under_review", by=superuser)
    services.nomination_change_status(
        nomination=nomination, to="selected", by=superuser, note="1순위"
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SELECTED
    history = list(nomination.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert history == [
        ("submitted", "under_review", superuser.pk),
        ("under_review", "selected", superuser.pk),
    ]
    assert nomination.status_changes.last().note == "1순위"


def test_status_change_refuses_impossible_transitions(programme):
    nomination = NominationFactory(programme=programme)
    with pytest.raises(services.StatusNotAllowed):
        services.nomination_change_status(nomination=nomination, to="selected")
    services.nomination_change_status(nomination=nomination, to="withdrawn")
    with pytest.raises(services.StatusNotAllowed):
        services.nomination_change_status(nomination=nomination, to="under_review")
    assert StatusChange.objects.count() == 1


def test_status_check_states_the_rules_without_changing_anything(programme):
    """The admin's form asks the rules first; nothing is written."""
    nomination = NominationFactory(programme=programme, status="submitted")
    with pytest.raises(services.StatusNotAllowed):
        services.nomination_status_check(nomination=nomination, to="selected")
    services.nomination_status_check(nomination=nomination, to="under_review")
    for country in ["ID", "PH"]:
        NominationFactory(programme=programme, status="selected", country=country)
    nomination.status = "under_review"
    with pytest.raises(services.QuotaExceeded):
        services.nomination_status_check(nomination=nomination, to="selected")
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    assert StatusChange.objects.count() == 0


def test_quota_of_countries_is_enforced(programme, superuser):
    assert programme.country_quota == 2
    nominations = [
        NominationFactory(programme=programme, status="under_review", country=c)
        for c in ["VN", "ID", "PH"]
    ]
    services.nomination_change_status(nomination=nominations[0], to="selected", by=superuser)
    services.nomination_change_status(nomination=nominations[1], to="selected", by=superuser)
    with pytest.raises(services.QuotaExceeded) as excinfo:
        services.nomination_change_status(nomination=nominations[2], to="selected", by=superuser)
    assert "2" in excinfo.value.messages[0]
    nominations[2].refresh_from_db()
    assert nominations[2].status == "under_review"
    # Freeing a place makes room.
    services.nomination_change_status(nomination=nominations[0], to="not_selected", by=superuser)
    services.nomination_change_status(nomination=nominations[2], to="selected", by=superuser)
    assert programme.nominations.filter(status="selected").count() == 2


def test_withdraw_by_writer_sends_emails(programme, django_capture_on_commit_callbacks):
    nomination = NominationFactory(programme=programme)
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_withdraw(nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"
    assert nomination.status_changes.get().changed_by is None
    assert [m.subject for m in mail.outbox] == [
        f"추천 철회 완료: {nomination.reference}",
        f"추천 {nomination.reference} 철회",
    ]


def test_notify_selection_emails_selected_firms_only(
    programme, superuser, django_capture_on_commit_callbacks
):
    selected = NominationFactory(programme=programme, status="selected", writer_email="a@x.kr")
    NominationFactory(programme=programme, status="under_review", writer_email="b@x.kr")
    with django_capture_on_commit_callbacks(execute=True):
        count = services.nomination_notify_selection(
            nominations=list(Nomination.objects.all()), by=superuser
        )
    assert count == 1
    assert [m.to for m in mail.outbox] == [["a@x.kr"]]
    assert mail.outbox[0].subject == f"추천 {selected.reference} 선정 안내"
    selected.refresh_from_db()
    assert selected.selection_notified_at is not None


def test_anonymise_keeps_statistics_only(programme, superuser):
    nomination = NominationFactory(
        programme=programme,
        status="under_review",
        reference="TR-2025-007",
        country="VN",
        city="하노이",
        internal_notes="담당자 메모: 작성자와 통화함",
    )
    TraineeFactory(nomination=nomination)
    MilestoneFactory(nomination=nomination)
    services.nomination_change_status(
        nomination=nomination, to="selected", by=superuser, note="김서울 씨와 통화 후 선정"
    )
    old_token_hash = nomination.access_token_hash

    services.nomination_anonymise(nomination=nomination)

    nomination.refresh_from_db()
    personal = {
        "writer_name": "—",
        "writer_email": "anonymised@invalid",
        "writer_phone": "—",
        "company": "—",
        "company_key": "",
        "institution": "—",
        "city_overview": "",
        "railway_plan": "",
        "internal_notes": "",
    }
    assert {field: getattr(nomination, field) for field in personal} == personal
    assert nomination.access_token_hash != old_token_hash  # the private link no longer opens it
    assert nomination.anonymised_at is not None
    assert nomination.trainees.count() == 0
    assert nomination.milestones.count() == 0
    assert list(nomination.status_changes.values_list("to_status", "note")) == [("selected", "")]
    # What remains, for statistics.
    assert (nomination.reference, nomination.country.code, nomination.city, nomination.status) == (
        "TR-2025-007",
        "VN",
        "하노이",
        "selected",
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submitters_get_consecutive_references():
    """Two firms submit at the same moment on real PostgreSQL: TR-2025-001 and TR-2025-002."""
    programme = ProgrammeFactory(reference_prefix="TR-2025")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def firm(country):
        try:
            barrier.wait(timeout=10)
            nomination, _token = submit(programme, country=country, company=f"회사 {country}")
            results.append(nomination.reference)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=firm, args=(c,)) for c in ("VN", "ID")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == ["TR-2025-001", "TR-2025-002"]
    assert sorted(Nomination.objects.values_list("sequence", flat=True)) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_cannot_both_take_the_last_place():
    programme = ProgrammeFactory(country_quota=1)
    a = NominationFactory(programme=programme, status="under_review", country="VN")
    b = NominationFactory(programme=programme, status="under_review", country="ID")
    barrier = threading.Barrier(2)
    outcomes = []

    def reviewer(nomination):
        try:
            barrier.wait(timeout=10)
            services.nomination_change_status(nomination=nomination, to="selected")
            outcomes.append("selected")
        except services.QuotaExceeded:
            outcomes.append("quota")
        finally:
            connection.close()

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["quota", "selected"]
    assert programme.nominations.filter(status="selected").count() == 1


@pytest.mark.parametrize(
    "lookalike",
    [
        "Ⅴariant Rail",  # U+2164 ROMAN NUMERAL FIVE
        "ＶＡＲＩＡＮＴ ＲＡＩＬ",  # full-width letters
        "VARIANT  RAIL",
        "variantrail",
        "Variant\u00a0Rail",  # a no-break space
    ],
)
def test_look_alike_company_names_are_duplicates(programme, lookalike):
    submit(programme, company="Variant Rail")
    assert Nomination.normalise_company(lookalike) == "variantrail"
    with pytest.raises(services.DuplicateNomination):
        submit(programme, company=lookalike)
    assert Nomination.objects.count() == 1


def test_the_company_key_fits_its_column_whatever_nfkc_makes_of_the_name():
    assert len("\ufdfa" * 200) == 200  # one character that NFKC turns into eighteen
    assert len(Nomination.normalise_company("\ufdfa" * 200)) == 200


def test_a_repeated_submission_key_returns_the_first_nomination(programme):
    first, token = submit(programme, submission_key="k" * 43)
    assert token is not None
    again, no_token = submit(programme, submission_key="k" * 43, company="다른 회사")
    assert (again, no_token) == (first, None)
    assert Nomination.objects.count() == 1
    assert services.nomination_for_submission_key(programme=programme, submission_key="") is None
