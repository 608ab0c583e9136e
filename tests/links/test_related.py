"""Related items on the detail pages (archive_portal.lib.related): shared goals count most, then
shared sectors, then the words of the title; one query, over a bounded set of candidates."""

import datetime
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive_portal.lib.related import BY_TITLE, PER_VALUE, related_items
from news.models import NewsItem
from publications.models import Publication, Status
from tests.goals import make_goal
from tests.news.factories import NewsItemFactory, copies_of
from tests.plans import analysed_nodes
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_shared_goals_rank_before_shared_sectors_and_words(django_assert_num_queries):
    climate = make_goal("3-3", "기후", 13, indicator=False)
    water = make_goal("3-1", "물순환", 6, indicator=False)
    item = PublicationFactory(
        title="빗물 관리 정책", goals=[climate, water], sectors=["water", "environment"]
    )
    PublicationFactory(title="전혀 다른 것", published_on=None)
    PublicationFactory(title="공유 분야 하나", sectors=["water"])
    PublicationFactory(title="과제 둘", goals=[climate, water])
    PublicationFactory(title="과제 하나", goals=[climate])
    PublicationFactory(title="빗물 관리 정책 2편")  # only the words of the title
    PublicationFactory(title="과제 둘 초안", goals=[climate, water], status=Status.DRAFT)
    item = Publication.objects.prefetch_related("goals", "sectors").get(pk=item.pk)

    with django_assert_num_queries(1):
        related = related_items(
            Publication.objects.published(),
            item,
            [("goals", 3), ("sectors", 2)],
            date_field="published_on",
        )

    assert [p.title for p in related] == [
        "과제 둘",
        "과제 하나",
        "공유 분야 하나",
        "빗물 관리 정책 2편",
    ]


def test_news_detail_shows_related_news(client):
    climate = make_goal("3-3", "기후", 13, indicator=False)
    item = NewsItemFactory(title="탄소 배출 감축", goals=[climate])
    NewsItemFactory(title="기후 행사", goals=[climate])
    NewsItemFactory(title="교통 소식")
    response = client.get(item.get_absolute_url())
    # A lazy value (read only when the cached fragment showing it is built): called here.
    assert [n.title for n in response.context["related"]()] == ["기후 행사"]
    assert '<h2 id="related-heading">관련 자료</h2>' in response.text


def test_at_volume_the_candidates_come_from_bounded_index_scans(django_assert_num_queries):
    """Thousands of items share the goal and a similar title (a table of realistic size, so the
    planner plans as it would at volume): still one query, which reads no table from end to end
    and scores at most PER_VALUE items per shared goal plus BY_TITLE by title."""
    climate = make_goal("3-3", "기후", 13, indicator=False)
    namesake = NewsItemFactory(title="기후 행동 주간 행사 개막", goals=[climate])
    sample = NewsItemFactory(title="기후 행동 주간 행사", goals=[climate])
    copies_of(sample, 3000, every=datetime.timedelta(hours=1))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO news_newsitem_goals (newsitem_id, goal_id) SELECT id, %s "
            "FROM news_newsitem WHERE slug LIKE %s",
            [climate.pk, f"{sample.slug}-%"],
        )
        cursor.execute("ANALYZE news_newsitem_goals")
    item = NewsItemFactory(title="기후 행동 주간 행사 개막", goals=[climate])
    item = NewsItem.objects.prefetch_related("goals").get(pk=item.pk)

    with CaptureQueriesContext(connection) as queries:
        related = related_items(
            NewsItem.objects.published(), item, [("goals", 3)], date_field="published_at"
        )

    assert len(queries) == 1
    # The same title, tagged long before the 3,000 others: found by its title.
    assert related[0] == namesake
    assert related[0].relatedness == pytest.approx(4.0)
    # Then copies of `sample`, equally related, newest first.
    assert {n.title for n in related[1:]} == {"기후 행동 주간 행사"}
    assert len({n.relatedness for n in related[1:]}) == 1
    dates = [n.published_at for n in related[1:]]
    assert dates == sorted(dates, reverse=True)
    nodes = analysed_nodes(queries[0]["sql"])
    scans = {(node["Node Type"], node.get("Index Name")) for node in nodes}
    assert ("Index Only Scan", "news_goals_goal_item_idx") in scans
    assert ("Index Scan", "news_title_trgm_gist") in scans
    assert not [node for node in nodes if node["Node Type"] == "Seq Scan"]
    # The candidates, before scoring: the union of the bounded scans.
    (union,) = [node for node in nodes if node["Node Type"] == "Append"]
    assert union["Actual Rows"] == PER_VALUE + BY_TITLE


def test_candidates_are_the_newest_per_shared_value_and_the_nearest_titles(monkeypatch):
    """What the bound means: an item sharing a goal is a candidate while it is among the
    PER_VALUE most recently tagged with it, or its title among the BY_TITLE nearest."""
    monkeypatch.setattr("archive_portal.lib.related.PER_VALUE", 2)
    monkeypatch.setattr("archive_portal.lib.related.BY_TITLE", 1)
    climate = make_goal("3-3", "기후", 13, indicator=False)
    water = make_goal("3-1", "물순환", 6, indicator=False)
    PublicationFactory(title="오래된 보고서", goals=[climate, water])
    for n in range(2):
        PublicationFactory(title=f"새 보고서 {n}", goals=[climate], published_on=date(2020, 1, 1))
        PublicationFactory(title=f"새 자료 {n}", goals=[water], published_on=date(2020, 1, 1))
    PublicationFactory(title="빗물 관리 정책 2편", published_on=date(2019, 1, 1))
    PublicationFactory(title="빗물 관리 정책 3편", published_on=date(2018, 1, 1))
    item = PublicationFactory(title="빗물 관리 정책", goals=[climate, water])
    item = Publication.objects.prefetch_related("goals", "sectors").get(pk=item.pk)

    def related():
        return [
            p.title
            for p in related_items(
                Publication.objects.published(),
                item,
                [("goals", 3), ("sectors", 2)],
                date_field="published_on",
                limit=10,
            )
        ]

    # "오래된 보고서" shares both goals but two newer items were tagged with each; of the two similar
    # titles only the nearest is a candidate. (Equal scores and dates: the newest id first.)
    assert related() == [
        "새 자료 1",
        "새 보고서 1",
        "새 자료 0",
        "새 보고서 0",
        "빗물 관리 정책 2편",
    ]
    monkeypatch.setattr("archive_portal.lib.related.PER_VALUE", 3)
    monkeypatch.setattr("archive_portal.lib.related.BY_TITLE", 2)
    assert related() == [
        "오래된 보고서",
        "새 자료 1",
        "새 보고서 1",
        "새 자료 0",
        "새 보고서 0",
        "빗물 관리 정책 2편",
        "빗물 관리 정책 3편",
    ]
