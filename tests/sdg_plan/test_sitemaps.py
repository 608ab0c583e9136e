"""The SDG pages are in sitemap.xml, in both languages."""

import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_goals_projects_indicators_and_departments(client, imported_plan):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/ko/sdg/goals/1-1/</loc>" in xml
    assert "<loc>http://testserver/en/sdg/goals/4-3/</loc>" in xml
    assert "<loc>http://testserver/ko/sdg/projects/106/</loc>" in xml
    assert "<loc>http://testserver/ko/sdg/indicators/109/</loc>" in xml
    assert "<loc>http://testserver/ko/sdg/indicators/</loc>" in xml
    assert "<loc>http://testserver/ko/sdg/data/</loc>" in xml
    assert xml.count("<loc>http://testserver/ko/sdg/indicators/") == 110
