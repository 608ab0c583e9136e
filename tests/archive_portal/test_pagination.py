import pytest

from archive_portal.lib.pagination import CappedPaginator, capped_count
from news.models import NewsItem
from tests.news.factories import NewsItemFactory

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
