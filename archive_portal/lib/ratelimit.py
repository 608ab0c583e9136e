"""Rate limits kept in the database: correct across workers and instances.

    if not ratelimit.hit("training-submit", address, limit=5, window=3600):
        ...refuse...

`hit` counts one event for the key in the current fixed window with one atomic statement
(INSERT … ON CONFLICT … DO UPDATE … RETURNING), so concurrent requests in any number of
processes each get their own count and exactly `limit` of them are allowed per window. Called
inside a transaction, the count is undone with it (a refused or failed write does not count).
The key (a network address) is stored hashed: counters keep no readable personal data, and
`purge` deletes the windows that are over.
"""

import datetime
import hashlib

from django.db import connection
from django.utils import timezone

from archive_portal.models import RateLimitCounter


def _window_start(now, window):
    seconds = int(now.timestamp()) // window * window
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def _key_hash(scope, key):
    return hashlib.sha256(f"{scope}\x00{key}".encode("utf-8", "replace")).hexdigest()


def hit(scope, key, *, limit, window, now=None):
    """Count one event for `key`; True while the window's count is within `limit`."""
    return count(scope, key, window=window, now=now) <= limit


# One statement, atomic in PostgreSQL however many processes run it at once. The table is
# RateLimitCounter's (Django's default name; test_ratelimit runs this statement).
UPSERT = """
    INSERT INTO archive_portal_ratelimitcounter (scope, key_hash, window_start, count)
    VALUES (%s, %s, %s, 1)
    ON CONFLICT (scope, key_hash, window_start)
    DO UPDATE SET count = archive_portal_ratelimitcounter.count + 1
    RETURNING count
"""


def count(scope, key, *, window, now=None):
    """Count one event for `key` in the current window of `window` seconds; the new count."""
    window_start = _window_start(now or timezone.now(), window)
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [scope, _key_hash(scope, key), window_start])
        return cursor.fetchone()[0]


def purge(*, older_than=datetime.timedelta(days=1), now=None):
    """Delete the counters of windows that started before `older_than` ago; how many."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _ = RateLimitCounter.objects.filter(window_start__lt=cutoff).delete()
    return deleted
