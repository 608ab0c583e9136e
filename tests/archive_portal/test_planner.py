"""bitmap_scans() and walk_index_order(): the planner settings inside the block, and put back
after it, error or not."""

import pytest
from django.db import DatabaseError, connection, transaction

from archive_portal.lib.pagination import capped_count
from archive_portal.lib.planner import bitmap_scans, walk_index_order
from archive_portal.lib.search import keyword_filter
from news.models import NewsItem
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def settings(names=("enable_seqscan", "enable_indexscan", "jit")):
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in names))
        return cursor.fetchone()


def test_the_settings_hold_inside_the_block_only():
    assert settings() == ("on", "on", "on")
    with bitmap_scans():
        assert settings() == ("off", "off", "off")
    assert settings() == ("on", "on", "on")


def test_the_settings_are_put_back_after_an_error():
    with pytest.raises(DatabaseError), bitmap_scans(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    assert settings() == ("on", "on", "on")


def test_a_count_of_keyword_matches_reads_the_search_index():
    """A capped count of a common word: with the planner's defaults it would walk the table
    (evaluating every row's search vector, kept in TOAST); inside bitmap_scans the count is
    answered through the GIN index."""
    NewsItemFactory.create_batch(5, body="<p>교육 정책</p>")
    matches = keyword_filter(NewsItem.objects.all(), "교육", ["title", "summary", "body"])
    with transaction.atomic(), bitmap_scans():
        plan = matches.order_by()[:1001].explain()
    assert "Bitmap Index Scan on news_search_bigrams" in plan, plan
    assert capped_count(matches) == 5


def walk_settings():
    return settings(("enable_seqscan", "enable_indexscan", "enable_bitmapscan", "enable_sort"))


def test_walk_index_order_holds_until_the_block_ends():
    with bitmap_scans():
        walk_index_order()
        assert walk_settings() == ("off", "on", "off", "off")
    assert walk_settings() == ("on", "on", "on", "on")


def test_walk_index_order_settings_are_put_back_after_an_error():
    with pytest.raises(DatabaseError), bitmap_scans(), connection.cursor() as cursor:
        walk_index_order()
        cursor.execute("SELECT 1 / 0")
    assert walk_settings() == ("on", "on", "on", "on")
