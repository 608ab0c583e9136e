import pytest
from django.contrib.auth.models import Group

from archive_portal.groups import EDITORS, TRAINING_REVIEWERS, sync_staff_groups

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, TRAINING_REVIEWERS}


def test_editors_edit_partners_but_never_see_nominations():
    perms = codenames(EDITORS)
    assert "archive_portal.change_partner" in perms
    # No permission at all on the nominations and the personal data that hangs off them.
    personal = {"nomination", "trainee", "milestone", "statuschange", "learningrequest"}
    assert [p for p in perms if p.split("_", 1)[1] in personal] == []
    assert not any(p.startswith("auth.") for p in perms)


def test_training_reviewers_only_touch_training():
    assert codenames(TRAINING_REVIEWERS) == {
        "training.view_programme",
        "training.view_scheduleitem",
        "training.view_nomination",
        "training.change_nomination",  # the review: status, notes
        "training.view_trainee",
        "training.view_milestone",
        "training.view_statuschange",
        "training.view_learningrequest",  # "Learn this policy in Seoul" requests: contact data
        "training.change_learningrequest",  # their status, notes and programme
    }


def test_syncing_twice_changes_nothing():
    before = {name: codenames(name) for name in (EDITORS, TRAINING_REVIEWERS)}
    sync_staff_groups()
    sync_staff_groups()
    assert {name: codenames(name) for name in (EDITORS, TRAINING_REVIEWERS)} == before
    assert Group.objects.filter(name=EDITORS).count() == 1
