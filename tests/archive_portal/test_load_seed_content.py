import pytest
from django.core.management import call_command

from archive_portal.models import Partner

pytestmark = pytest.mark.django_db


def test_dry_run_saves_nothing(capsys):
    call_command("load_seed_content", "--dry-run")
    assert Partner.objects.count() == 0
    assert "dry run: nothing was saved" in capsys.readouterr().out


def test_loading_twice_changes_nothing(capsys):
    call_command("load_seed_content")
    first = capsys.readouterr().out
    assert "partner organisations: 28 created, 0 updated" in first
    call_command("load_seed_content")
    second = capsys.readouterr().out
    assert "partner organisations: 0 created, 0 updated" in second
    assert Partner.objects.count() == 28
