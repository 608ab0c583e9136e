"""The publications in sitemap.xml."""

import pytest

from publications.models import Status
from tests.publications.factories import PublicationFactory
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db


def test_publications_are_in_the_sitemap_in_both_languages(client):
    PublicationFactory(slug="in-sitemap")
    PublicationFactory(slug="not-in-sitemap", status=Status.DRAFT)
    locations = sitemap_locations(client)
    assert "http://testserver/ko/publications/in-sitemap/" in locations
    assert "http://testserver/en/publications/in-sitemap/" in locations
    assert "http://testserver/ko/publications/policy-cases/" in locations
    assert not [loc for loc in locations if "not-in-sitemap" in loc]
