"""The empty search page's topics: only those that find something."""

import re

import pytest

from publications.models import Sector
from publications.sectors import ensure_default_sectors
from tests.publications.factories import PublicationFactory


@pytest.mark.django_db
def test_the_empty_search_page_offers_only_topics_that_find_something(client):
    ensure_default_sectors()
    PublicationFactory().sectors.set([Sector.objects.get(slug="welfare")])
    PublicationFactory(status="draft").sectors.set([Sector.objects.get(slug="water")])
    html = client.get("/en/search/").content.decode()
    topics = html[html.index("<h2>Popular topics</h2>") :]
    topics = topics[: topics.index("</ul>")]
    assert re.findall(r'href="([^"]+)"', topics) == ["/en/publications/?sector=welfare"]
    assert 'Welfare <span class="facet__count">(1)</span>' in topics
