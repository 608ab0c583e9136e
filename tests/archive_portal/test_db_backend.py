"""archive_portal.db: Django's PostgreSQL backend, its health check of a reused connection
skipped when the connection was used less than HEALTH_CHECK_IDLE_SECONDS ago.

Each test works on a connection of its own (not the test's transaction), and calls what
django.db.close_old_connections calls at each request's start and end."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def own():
    made = connections.create_connection("default")
    yield made
    made.close()


def use(conn):
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def checks_made(conn, monkeypatch):
    made = []
    real = type(conn).is_usable
    monkeypatch.setattr(type(conn), "is_usable", lambda self: made.append(1) or real(self))
    return made


def test_the_settings_use_the_backend_with_a_one_second_window():
    assert settings.DATABASES["default"]["ENGINE"] == "archive_portal.db"
    assert settings.DATABASES["default"]["HEALTH_CHECK_IDLE_SECONDS"] == 1
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert connection.vendor == "postgresql"


def test_a_connection_used_a_moment_ago_is_not_checked_again(own, monkeypatch):
    checks = checks_made(own, monkeypatch)
    use(own)
    own.close_if_unusable_or_obsolete()  # the next request starts
    assert use(own) == 1
    assert checks == []


def test_an_idle_connection_is_checked_and_replaced_when_broken(own, monkeypatch):
    use(own)
    pid = own.connection.info.backend_pid
    with connection.cursor() as cursor:  # PostgreSQL drops it (as a restart would)
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    checks = checks_made(own, monkeypatch)
    own.used_at -= 1.5  # idle longer than the window
    own.close_if_unusable_or_obsolete()
    assert use(own) == 1  # checked, found broken, connected again
    assert checks == [1]
    assert own.connection.info.backend_pid != pid


def test_a_connection_broken_within_the_window_fails_one_request_only(own):
    """The price of the skipped check: the request that meets it fails (a 503), and Django
    closes the connection at the request's end; the next request connects again."""
    use(own)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [own.connection.info.backend_pid])
    own.close_if_unusable_or_obsolete()
    with pytest.raises(OperationalError):
        use(own)
    own.close_if_unusable_or_obsolete()  # the request ends
    assert own.connection is None
    assert use(own) == 1


def test_with_no_window_every_request_checks(own, monkeypatch):
    own.settings_dict = {**own.settings_dict, "HEALTH_CHECK_IDLE_SECONDS": 0}
    checks = checks_made(own, monkeypatch)
    use(own)
    own.close_if_unusable_or_obsolete()
    use(own)
    assert checks == [1]
