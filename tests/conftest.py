import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from archive_portal import fragments, pagecache
from archive_portal.lib import counters
from tests.shared_rows import shared_fixtures_in_use, shared_rows


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, request):
    """A fast password hasher, and no cached fragment or active language leaking from one test
    into the next (a request to /en/… leaves English active in the thread: reverse() and
    get_absolute_url() outside a request would then give /en/ URLs).

    The whole-page cache and the cached fragments are off (each test sees its own writes at
    once and the query counts are those of rendering); tests/archive_portal/test_page_cache.py
    and test_fragments.py turn them on
    (TEST_PAGE_CACHE_SECONDS=600 runs the whole suite with it on, to look for stale pages).
    Staff sign in with a second factor only in the tests about it (marked `two_factor`): the
    others sign in with force_login, as the relaxed setting of a local preview allows."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PAGE_CACHE_SECONDS = int(os.environ.get("TEST_PAGE_CACHE_SECONDS", "0"))
    settings.FRAGMENT_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS
    # Counted views stay in the process until a test flushes them (no timer thread writing
    # outside the test's transaction).
    settings.COUNTER_FLUSH_SECONDS = None
    counters.discard_all()
    if request.node.get_closest_marker("two_factor") is None:
        settings.ADMIN_REQUIRE_2FA = False
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    stray = [name for name in shared_fixtures_in_use() if name not in request.fixturenames]
    if stray:
        pytest.fail(
            f"the shared rows of {stray} are in the database: ask for them, or move the test"
        )
    pagecache.reset()
    fragments.reset()
    yield
    cache.clear()


@pytest.fixture
def fragments_on(settings):
    """The cached fragments on and the whole-page cache off, as in `make bench`'s "page cache
    off" table (the suite runs with both off: _fast_and_isolated)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    pagecache.reset()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password="a-long-test-password", is_staff=True
    )


@pytest.fixture
def editor_client(client, django_user_model):
    """The test client signed in as a member of the Editors group."""
    from django.contrib.auth.models import Group

    from archive_portal.groups import EDITORS, sync_staff_groups

    sync_staff_groups()
    user = django_user_model.objects.create_user(username="writer", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


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


def pytest_terminal_summary(terminalreporter):
    """The security tests' figures (tests/figures.py), for docs/security.md."""
    import json
    from pathlib import Path

    from tests.figures import FIGURES

    if not FIGURES:
        return
    terminalreporter.section("security figures")
    for name, value in sorted(FIGURES.items()):
        terminalreporter.write_line(f"{name}: {value}")
    out = Path("var/security-figures.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(FIGURES, indent=2, sort_keys=True) + "\n", encoding="utf-8")
