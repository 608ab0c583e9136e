import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive_portal.lib.pagination import CappedPaginator, NearerEndPaginator, capped_count
from news.models import NewsItem
from tests.news.factories import SEOUL, NewsItemFactory, copies_of
from tests.plans import analysed_nodes

pytestmark = pytest.mark.django_db


def test_capped_count_stops_one_past_the_cap():
    NewsItemFactory.create_batch(7)
    assert capped_count(NewsItem.objects.all(), cap=5) == 6
    assert capped_count(NewsItem.objects.all(), cap=10) == 7


def test_paginator_counts_exactly_below_the_cap(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    NewsItemFactory.create_batch(7)
    paginator = CappedPaginator(NewsItem.objects.all(), 3)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (7, False, 3)


def test_paginator_stops_at_the_cap(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    NewsItemFactory.create_batch(7)
    paginator = CappedPaginator(NewsItem.objects.all(), 2)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 3)


def test_news_list_says_more_than_the_cap(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    NewsItemFactory.create_batch(7)
    html = client.get("/ko/news/", {"q": "정책"}).content.decode()
    assert "새소식이 5건이 넘습니다. 검색어나 조건을 더해 범위를 좁혀 주십시오" in html
    html = client.get("/en/news/", {"q": "정책"}).content.decode()
    assert "More than 5 news items: add a word or a filter to narrow them" in html
    # Without a keyword the list is counted exactly (from an index, whatever its size).
    html = client.get("/en/news/").content.decode()
    assert "7 news items" in html


def test_page_links_are_elided_on_long_lists():
    from django.core.paginator import Paginator

    from archive_portal.templatetags.portal import elided_page_range

    page = Paginator(range(20_000), 20).page(500)
    numbers = list(elided_page_range(page))
    gap = Paginator.ELLIPSIS
    assert numbers == [1, gap, 498, 499, 500, 501, 502, gap, 1000]


@pytest.mark.parametrize("orphans", [0, 3])
def test_every_page_from_the_nearer_end_is_the_page_offset_gives(orphans):
    """NearerEndPaginator (deep pages counted back from the last row) shows exactly what a
    plain OFFSET shows, page by page, in the list's order: pinned first, equal dates by id."""
    NewsItemFactory.create_batch(9)
    NewsItemFactory.create_batch(4, published_at=datetime.datetime(2024, 6, 1, tzinfo=SEOUL))
    NewsItemFactory.create_batch(2, pinned=True)
    listing = NewsItem.objects.published().for_listing()
    plain = Paginator(listing, 4, orphans=orphans)
    nearer = NearerEndPaginator(listing, 4, orphans=orphans)
    assert nearer.num_pages == plain.num_pages == (4 if orphans == 0 else 3)
    for number in plain.page_range:
        assert list(nearer.page(number)) == list(plain.page(number)), number


def test_a_deep_page_is_read_from_the_index_from_the_nearer_end(
    django_assert_num_queries,
):
    """At a realistic size (1,200 items): the last page's ids come from a backward scan of
    the listing index that reads only that page's entries; one query for the rows. (Index-only
    at volume, where VACUUM has marked the table visible: not inside a test's transaction.)"""
    copies_of(NewsItemFactory(), 1200, every=datetime.timedelta(hours=1))
    paginator = NearerEndPaginator(NewsItem.objects.published().for_listing(), 10)
    paginator.count  # noqa: B018 - counted apart (the news list keeps its count)
    with CaptureQueriesContext(connection) as queries:
        last = list(paginator.page(paginator.num_pages))
    assert len(queries) == 1
    assert [item.pk for item in last] == list(
        NewsItem.objects.order_by("-published_at", "-pk").values_list("pk", flat=True)[1200:]
    )
    nodes = analysed_nodes(queries[0]["sql"])
    (ids,) = [node for node in nodes if node.get("Index Name") == "news_status_listing_idx"]
    assert ids["Node Type"] in ("Index Only Scan", "Index Scan")
    assert ids["Scan Direction"] == "Backward"
    assert ids["Actual Rows"] == 1
    assert not [node for node in nodes if node["Node Type"] == "Seq Scan"]
