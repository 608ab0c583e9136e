"""purge_personal_data: removes personal data past the retention period stated in the notice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.training.factories import (
    MilestoneFactory,
    NominationFactory,
    ProgrammeFactory,
    TraineeFactory,
)
from training.models import Nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_recent():
    today = timezone.localdate()
    old = ProgrammeFactory(
        training_starts=today - datetime.timedelta(days=745),
        training_ends=today - datetime.timedelta(days=740),
        application_deadline=timezone.now() - datetime.timedelta(days=800),
    )
    recent = ProgrammeFactory(
        training_starts=today - datetime.timedelta(days=400),
        training_ends=today - datetime.timedelta(days=395),
        application_deadline=timezone.now() - datetime.timedelta(days=450),
    )
    expired = NominationFactory(programme=old, internal_notes="오래된 메모", **PERSONAL)
    TraineeFactory(nomination=expired)
    MilestoneFactory(nomination=expired)
    kept = NominationFactory(programme=recent, internal_notes="최근 메모", **PERSONAL)
    TraineeFactory(nomination=kept, name="Tran Thi Binh")
    MilestoneFactory(nomination=kept)
    return expired, kept


PERSONAL = {
    "writer_name": "김서울",
    "writer_email": "writer@example.com",
    "writer_phone": "02-1234-5678",
    "company": "한국철도기술",
    "institution": "하노이 도시철도공사",
    "city_overview": "인구 850만",
    "railway_plan": "도시철도 3호선 건설 중",
}


def personal_data(nomination):
    nomination.refresh_from_db()
    fields = {name: getattr(nomination, name) for name in [*PERSONAL, "internal_notes"]}
    fields["trainees"] = list(nomination.trainees.values_list("name", flat=True))
    fields["milestones"] = list(nomination.milestones.values_list("description", flat=True))
    return fields


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_dry_run_changes_nothing(old_and_recent):
    expired, kept = old_and_recent
    output = run("--dry-run")
    assert f"would anonymise {expired.reference}" in output
    assert kept.reference not in output
    assert "1 nominations due" in output
    assert personal_data(expired) == {
        **PERSONAL,
        "internal_notes": "오래된 메모",
        "trainees": [expired.trainees.get().name],
        "milestones": ["양해각서 체결"],
    }
    assert expired.anonymised_at is None


def test_purge_anonymises_expired_only_and_is_idempotent(old_and_recent):
    expired, kept = old_and_recent
    assert "1 nominations purged" in run()
    assert personal_data(expired) == {
        "writer_name": "—",
        "writer_email": "anonymised@invalid",
        "writer_phone": "—",
        "company": "—",
        "institution": "—",
        "city_overview": "",
        "railway_plan": "",
        "internal_notes": "",
        "trainees": [],
        "milestones": [],
    }
    assert expired.anonymised_at is not None
    # Still within the retention period: every field as it was.
    assert personal_data(kept) == {
        **PERSONAL,
        "internal_notes": "최근 메모",
        "trainees": ["Tran Thi Binh"],
        "milestones": ["양해각서 체결"],
    }
    assert kept.anonymised_at is None
    anonymised_at = expired.anonymised_at
    assert "0 nominations purged" in run()
    expired.refresh_from_db()
    assert expired.anonymised_at == anonymised_at  # the second run left it alone
    assert Nomination.objects.count() == 2
