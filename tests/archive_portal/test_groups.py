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
    assert not any(".view_nomination" in p or ".change_nomination" in p for p in perms)
    assert not any(p.startswith("auth.") for p in perms)


def test_training_reviewers_only_touch_training():
    perms = codenames(TRAINING_REVIEWERS)
    assert perms, "the reviewers group has permissions"
    assert all(p.startswith("training.") for p in perms)


def test_syncing_twice_changes_nothing():
    before = {name: codenames(name) for name in (EDITORS, TRAINING_REVIEWERS)}
    sync_staff_groups()
    sync_staff_groups()
    assert {name: codenames(name) for name in (EDITORS, TRAINING_REVIEWERS)} == before
    assert Group.objects.filter(name=EDITORS).count() == 1
