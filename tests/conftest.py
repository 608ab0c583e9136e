import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from archive_portal import pagecache
from tests.shared_rows import shared_fixtures_in_use, shared_rows


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, request):
    """A fast password hasher, and no cached fragment or active language leaking from one test
    into the next (a request to /en/… leaves English active in the thread: reverse() and
    get_absolute_url() outside a request would then give /en/ URLs).

    The whole-page cache is off (each test sees its own writes at once and the query counts
    are those of rendering); tests/archive_portal/test_page_cache.py turns it on
    (TEST_PAGE_CACHE_SECONDS=600 runs the whole suite with it on, to look for stale pages)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PAGE_CACHE_SECONDS = int(os.environ.get("TEST_PAGE_CACHE_SECONDS", "0"))
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    stray = [name for name in shared_fixtures_in_use() if name not in request.fixturenames]
    if stray:
        pytest.fail(
            f"the shared rows of {stray} are in the database: ask for them, or move the test"
        )
    pagecache.reset()
    yield
    cache.clear()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password="a-long-test-password", is_staff=True
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", password="a-long-test-password", email="admin@example.com"
    )


@pytest.fixture(scope="module")
def seed_content(request, django_db_setup, django_db_blocker):
    """The whole seed content (load_seed_content), shared by the tests of the module."""
    yield from shared_rows(
        request, django_db_blocker, lambda: call_command("load_seed_content", verbosity=0)
    )
