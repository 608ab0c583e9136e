"""The publications RSS feed."""

from datetime import date

import pytest

from publications.models import Status
from tests.publications.factories import PublicationFactory

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
