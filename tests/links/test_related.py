"""Related items on the detail pages (archive_portal.lib.related): shared goals count most, then
shared sectors, then the words of the title; one query."""

import pytest

from archive_portal.lib.related import related_items
from publications.models import Publication, Status
from tests.goals import make_goal
from tests.news.factories import NewsItemFactory
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
    assert [n.title for n in response.context["related"]] == ["기후 행사"]
    assert '<h2 id="related-heading">관련 자료</h2>' in response.text
