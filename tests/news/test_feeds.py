import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from news.feeds import FEED_SIZE
from news.models import Status
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_published_items_newest_first(client):
    first_day = datetime.datetime(2024, 1, 1, 9, 0, tzinfo=datetime.UTC)
    NewsItemFactory(title="첫 소식", slug="first", summary="첫 요약", published_at=first_day)
    NewsItemFactory(
        title="둘째 소식",
        slug="second",
        author="서울시 도시기반시설본부",
        published_at=first_day + datetime.timedelta(days=1),
    )
    NewsItemFactory(title="초안", status=Status.DRAFT)
    NewsItemFactory(title="예약", published_at=timezone.now() + datetime.timedelta(days=1))

    response = client.get("/ko/news/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "서울정책아카이브 — 새소식"
    assert channel.findtext("link") == "http://testserver/ko/news/"
    assert channel.findtext("language") == "ko"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["둘째 소식", "첫 소식"]
    assert items[1].findtext("link") == "http://testserver/ko/news/first/"
    assert items[1].findtext("description") == "첫 요약"
    assert items[1].findtext("category") == "보도자료"
    assert items[1].findtext("pubDate") == "Mon, 01 Jan 2024 09:00:00 +0000"
    creator = "{http://purl.org/dc/elements/1.1/}creator"
    assert items[0].findtext(creator) == "서울시 도시기반시설본부"


def test_english_feed_links_english_pages(client):
    NewsItemFactory(slug="first")
    channel = ET.fromstring(client.get("/en/news/feed/").content).find("channel")
    assert channel.findtext("title") == "Seoul Policy Archive — News"
    assert channel.findtext("language") == "en"
    assert [item.findtext("link") for item in channel.findall("item")] == [
        "http://testserver/en/news/first/"
    ]


def test_feed_is_capped(client):
    NewsItemFactory.create_batch(FEED_SIZE + 2)
    channel = ET.fromstring(client.get("/ko/news/feed/").content).find("channel")
    assert len(channel.findall("item")) == FEED_SIZE
