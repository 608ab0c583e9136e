"""Counters kept in the process and written in one UPDATE (archive_portal/lib/counters.py),
with the news item's view counter."""

import threading

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from archive_portal.lib import counters
from news.models import NewsItem
from news.views import views
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def stored(*items):
    return [NewsItem.objects.get(pk=item.pk).view_count for item in items]


def test_counting_makes_no_query_and_a_flush_one_update():
    first, second = NewsItemFactory(), NewsItemFactory()
    with CaptureQueriesContext(connection) as counting:
        for _ in range(4):
            views.add(first.pk)
        views.add(second.pk)
    assert len(counting) == 0
    assert (views.pending(first.pk), views.pending(second.pk)) == (4, 1)

    with CaptureQueriesContext(connection) as flushing:
        assert views.flush() == 2
    assert len(flushing) == 1
    assert flushing[0]["sql"].startswith('UPDATE "news_newsitem" SET "view_count"')
    assert stored(first, second) == [4, 1]
    assert (views.pending(first.pk), views.pending(second.pk)) == (0, 0)


def test_a_flush_adds_to_what_other_processes_wrote():
    item = NewsItemFactory()
    views.add(item.pk)
    other = counters.BufferedCounter("news.NewsItem", "view_count")  # another worker's
    other.add(item.pk, 10)
    assert other.flush() == 1
    assert views.flush() == 1
    assert stored(item) == [11]
    counters._counters.remove(other)


def test_counts_survive_a_database_error_until_the_next_flush(monkeypatch):
    item = NewsItemFactory()
    views.add(item.pk, 3)

    def refuse(*args, **kwargs):
        raise DatabaseError("the database is away")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", refuse)
        assert views.flush() == 0
    assert views.pending(item.pk) == 3
    assert views.flush() == 1
    assert stored(item) == [3]


def test_a_deleted_item_s_count_is_dropped_without_error():
    item, gone = NewsItemFactory(), NewsItemFactory()
    views.add(item.pk)
    views.add(gone.pk)
    gone.delete()
    assert views.flush() == 1
    assert stored(item) == [1]


def test_with_no_flush_interval_every_count_is_written_at_once(settings):
    settings.COUNTER_FLUSH_SECONDS = 0
    item = NewsItemFactory()
    with CaptureQueriesContext(connection) as queries:
        views.add(item.pk)
    assert len(queries) == 1
    assert stored(item) == [1]
    assert views.pending(item.pk) == 0


def test_a_timer_writes_the_counts_after_the_interval(settings, monkeypatch):
    """The timer thread flushes after COUNTER_FLUSH_SECONDS whatever the traffic (here its
    flush is observed, not run: another thread's connection cannot see this test's rows)."""
    settings.COUNTER_FLUSH_SECONDS = 0.05
    flushed = threading.Event()
    monkeypatch.setattr(views, "_flush_from_timer", flushed.set)
    views.add(1)
    assert flushed.wait(5)
    assert views._timer is not None  # one timer per window, not one per count
    views.add(2)
    assert views.pending(1) == 1
    counters.discard_all()
    assert views._timer is None
