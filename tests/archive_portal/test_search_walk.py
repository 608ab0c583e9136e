"""How the site search reads a large section's ranked matches (archive_portal.search,
`Source.fetch_in_block`): by the capped counts of its matches and of its title matches, each part
is either read through the search indexes and sorted (few rows) or found by walking the date
order's index (more than COUNT_CAP), and only the part the page needs is read at all.

PostgreSQL cannot choose between the two by itself: it takes the bigrams of a Korean word as
independent and estimates far fewer matches than there are, so it read and sorted every match
(16,752 news items for 초청연수 at benchmark volumes, 111 ms at p95 in `make bench`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive_portal import search
from archive_portal.lib.pagination import COUNT_CAP
from news.models import NewsItem
from tests.news.factories import NewsItemFactory, copies_of
from tests.plans import executed_plans

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def news_reads(plans):
    """The plans of the statements that read news rows to show (not the counts)."""
    return [
        plan
        for plan in plans
        if 'FROM "news_newsitem"' in plan and "COUNT(*)" not in plan and "count(" not in plan
    ]


def first_page(query):
    counts, hits = search.run(query, kind="news", limit=20)
    return counts["news"], [(hit.relevance, hit.obj.slug) for hit in hits]


def newest_slugs(queryset, number):
    rows = queryset.published().order_by("-pinned", "-published_at", "-pk")
    return list(rows.values_list("slug", flat=True)[:number])


def test_many_title_matches_are_walked_in_date_order_and_nothing_else_is_read():
    """1,200 items hold the word in their title (more than COUNT_CAP): the page's 20 are the
    first 20 of the date order's index, walked without a sort; the other matches (the word in
    the body only) are not read, the page being full of title matches."""
    copies_of(NewsItemFactory(title="초청연수 안내", body="<p>초청연수 일정</p>"), 1200, HOUR)
    copies_of(NewsItemFactory(title="다른 소식", body="<p>초청연수 결과</p>"), 300, HOUR)
    with executed_plans() as plans, CaptureQueriesContext(connection) as statements:
        count, page = first_page("초청연수")

    assert count == COUNT_CAP + 1  # shown as "more than 1,000"
    in_titles = NewsItem.objects.filter(title__contains="초청연수")
    assert page == [(1, slug) for slug in newest_slugs(in_titles, 20)]
    reads = news_reads(plans)
    assert len(reads) == 1, reads
    assert "Index Scan using news_status_listing_idx" in reads[0], reads[0]
    assert "Sort" not in reads[0] and "Bitmap" not in reads[0], reads[0]
    # One statement sets the planner to walk (archive_portal.lib.planner.walk_index_order).
    assert sum("enable_bitmapscan = off" in query["sql"] for query in statements) == 1


def test_few_title_matches_are_read_from_their_index_and_the_rest_walked():
    """5 title matches, 1,200 body matches: the titles come from their own index (then sorted:
    few rows), and the 15 other matches the page still needs from the walk of the date order."""
    for number in range(5):
        NewsItemFactory(title=f"초청연수 결과 {number}", body="<p>초청연수</p>")
    copies_of(NewsItemFactory(title="다른 소식", body="<p>초청연수 일정</p>"), 1200, HOUR)
    with executed_plans() as plans:
        count, page = first_page("초청연수")

    assert count == COUNT_CAP + 1
    in_titles = NewsItem.objects.filter(title__contains="초청연수")
    others = NewsItem.objects.exclude(title__contains="초청연수")
    assert page == [(1, slug) for slug in newest_slugs(in_titles, 5)] + [
        (0, slug) for slug in newest_slugs(others, 15)
    ]
    titles, rest = news_reads(plans)
    assert "Bitmap Index Scan on news_title_bigrams" in titles, titles
    assert "LIMIT 15" in rest.upper(), rest
    assert "Index Scan using news_status_listing_idx" in rest and "Sort" not in rest, rest


def test_a_few_hundred_matches_are_read_through_the_indexes():
    """Between the in-memory ranking (up to PER_SOURCE_LIMIT) and COUNT_CAP: both parts come
    from the search indexes, as few rows sorted, and no statement changes the planner to walk."""
    copies_of(NewsItemFactory(title="초청연수 안내", body="<p>초청연수</p>"), 300, HOUR)
    copies_of(NewsItemFactory(title="다른 소식", body="<p>초청연수 결과</p>"), 300, HOUR)
    copies_of(NewsItemFactory(title="무관한 소식", body="<p>도시 정책</p>"), 2000, HOUR)
    with executed_plans() as plans, CaptureQueriesContext(connection) as statements:
        count, page = first_page("초청연수")

    assert count == 602
    in_titles = NewsItem.objects.filter(title__contains="초청연수")
    assert page == [(1, slug) for slug in newest_slugs(in_titles, 20)]
    (titles,) = news_reads(plans)
    assert "Bitmap Index Scan on news_title_bigrams" in titles, titles
    assert not any("enable_bitmapscan = off" in query["sql"] for query in statements)


def test_the_walk_settings_end_with_the_search():
    copies_of(NewsItemFactory(title="초청연수 안내", body="<p>초청연수</p>"), 1200, HOUR)
    first_page("초청연수")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_bitmapscan'), current_setting('enable_sort'),"
            " current_setting('enable_seqscan'), current_setting('enable_indexscan')"
        )
        assert cursor.fetchone() == ("on", "on", "on", "on")
