import pytest
from django.test import Client

from tests.training.factories import ProgrammeFactory


@pytest.fixture
def programme(db):
    return ProgrammeFactory(slug="open-call", reference_prefix="TR-2025")


@pytest.fixture
def client_ip():
    """A test client with its own network address (the rate limit is per address)."""

    def make(address="203.0.113.10"):
        return Client(REMOTE_ADDR=address)

    return make


@pytest.fixture
def reviewer(django_user_model, db):
    from django.contrib.auth.models import Group

    from archive_portal.groups import TRAINING_REVIEWERS, sync_staff_groups

    sync_staff_groups()
    user = django_user_model.objects.create_user(
        username="reviewer", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=TRAINING_REVIEWERS))
    return user
