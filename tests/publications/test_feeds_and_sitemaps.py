from datetime import date

import pytest

from publications.models import Status
from tests.publications.factories import PublicationFactory
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db


def test_the_feed_lists_published_items_newest_first(client):
    PublicationFactory(title="오래된 보고서", slug="old", published_on=date(2020, 1, 1))
    PublicationFactory(title="새 보고서", slug="new", published_on=date(2024, 1, 1), summary="요약")
    PublicationFactory(title="초안", status=Status.DRAFT)
    response = client.get("/ko/publications/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    xml = response.content.decode()
    assert xml.index("<title>새 보고서</title>") < xml.index("<title>오래된 보고서</title>")
    assert "<link>http://testserver/ko/publications/new/</link>" in xml
    assert "<description>요약</description>" in xml
    assert "초안" not in xml


def test_publications_are_in_the_sitemap_in_both_languages(client):
    PublicationFactory(slug="in-sitemap")
    PublicationFactory(slug="not-in-sitemap", status=Status.DRAFT)
    locations = sitemap_locations(client)
    assert "http://testserver/ko/publications/in-sitemap/" in locations
    assert "http://testserver/en/publications/in-sitemap/" in locations
    assert "http://testserver/ko/publications/policy-cases/" in locations
    assert not [loc for loc in locations if "not-in-sitemap" in loc]
