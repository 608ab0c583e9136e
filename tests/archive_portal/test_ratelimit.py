"""The database rate-limit store: atomic counts per key and window, undone with a rollback."""

import datetime

import pytest
from django.db import transaction

from archive_portal.lib import ratelimit
from archive_portal.models import RateLimitCounter

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2025, 3, 14, 12, 30, tzinfo=datetime.UTC)


def test_exactly_the_limit_is_allowed_per_window():
    allowed = [ratelimit.hit("s", "198.51.100.7", limit=3, window=3600, now=NOON) for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    # Another key, another scope and the next window each count from zero.
    assert ratelimit.count("s", "198.51.100.8", window=3600, now=NOON) == 1
    assert ratelimit.count("t", "198.51.100.7", window=3600, now=NOON) == 1
    next_hour = NOON + datetime.timedelta(minutes=30)
    assert ratelimit.count("s", "198.51.100.7", window=3600, now=next_hour) == 1
    assert RateLimitCounter.objects.count() == 4


def test_the_address_is_stored_hashed():
    ratelimit.hit("s", "198.51.100.7", limit=3, window=3600, now=NOON)
    counter = RateLimitCounter.objects.get()
    assert "198.51.100.7" not in counter.key_hash
    assert len(counter.key_hash) == 64
    assert counter.window_start == datetime.datetime(2025, 3, 14, 12, 0, tzinfo=datetime.UTC)
    assert str(counter) == "s 2025-03-14 21:00: 1" or str(counter) == "s 2025-03-14 12:00: 1"


def test_a_count_inside_a_rolled_back_transaction_is_undone():
    ratelimit.count("s", "a", window=3600, now=NOON)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert ratelimit.count("s", "a", window=3600, now=NOON) == 2
        raise RuntimeError
    assert ratelimit.count("s", "a", window=3600, now=NOON) == 2


def test_purge_deletes_past_windows_only():
    ratelimit.count("s", "a", window=3600, now=NOON - datetime.timedelta(days=2))
    ratelimit.count("s", "a", window=3600, now=NOON)
    assert ratelimit.purge(now=NOON) == 1
    assert list(RateLimitCounter.objects.values_list("count", flat=True)) == [1]
