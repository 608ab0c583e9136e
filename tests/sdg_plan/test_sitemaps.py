"""The SDG pages are in sitemap.xml, in both languages."""

import pytest

from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db


def test_sitemap_lists_goals_projects_indicators_and_departments(client, imported_plan):
    locations = sitemap_locations(client)
    assert "http://testserver/ko/sdg/goals/1-1/" in locations
    assert "http://testserver/en/sdg/goals/4-3/" in locations
    assert "http://testserver/ko/sdg/projects/106/" in locations
    assert "http://testserver/ko/sdg/indicators/109/" in locations
    assert "http://testserver/ko/sdg/indicators/" in locations
    assert "http://testserver/ko/sdg/data/" in locations
    assert sum(loc.startswith("http://testserver/ko/sdg/indicators/") for loc in locations) == 110
