"""purge_personal_data: removes personal data past the retention period stated in the notice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.training.factories import NominationFactory, ProgrammeFactory, TraineeFactory
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
    expired = NominationFactory(programme=old, writer_name="오래된 작성자")
    TraineeFactory(nomination=expired)
    kept = NominationFactory(programme=recent, writer_name="최근 작성자")
    return expired, kept


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
    expired.refresh_from_db()
    assert expired.writer_name == "오래된 작성자"
    assert expired.trainees.count() == 1


def test_purge_anonymises_expired_only_and_is_idempotent(old_and_recent):
    expired, kept = old_and_recent
    assert "1 nominations purged" in run()
    expired.refresh_from_db()
    kept.refresh_from_db()
    assert expired.writer_name == "—" and expired.anonymised_at is not None
    assert expired.trainees.count() == 0
    assert kept.writer_name == "최근 작성자"
    assert "0 nominations purged" in run()
    assert Nomination.objects.count() == 2
