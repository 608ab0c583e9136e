"""Every public item shows its reuse licence (공공누리/KOGL type or other) with its mark and a
link to its terms; a default per content type, editable per item."""

import pytest

from news.models import NewsItem
from news.seed import load as load_news
from publications.models import Publication
from publications.seed import load as load_publications
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def licence_block(html):
    start = html.index('<div class="licence">')
    return html[start : html.index("</div>", start)]


def test_a_news_item_shows_kogl_type_1_by_default(client):
    item = NewsItemFactory(slug="cdp")
    assert item.licence == "kogl-1"
    block = licence_block(client.get("/ko/news/cdp/").content.decode())
    assert 'href="https://www.kogl.or.kr/info/licenseType1.do" rel="license noopener"' in block
    assert (
        '<span class="licence__kogl">공공누리</span> <span class="licence__type">1</span>' in block
    )
    assert '<span class="licence__condition licence__condition--by">BY</span>' in block
    assert "공공누리 제1유형: 출처표시" in block


def test_an_item_takes_the_licence_staff_chose(client):
    PublicationFactory(slug="report", licence="kogl-4")
    block = licence_block(client.get("/en/publications/report/").content.decode())
    assert 'href="https://www.kogl.or.kr/info/licenseType4.do"' in block
    assert "KOGL Type 4: attribution, no commercial use, no derivatives" in block
    for condition in ("by", "nc", "nd"):
        assert f'licence__condition--{condition}"' in block


def test_a_work_the_city_cannot_license_points_to_the_terms_page(client):
    NewsItemFactory(
        slug="outlet", category="external", source_name="환경포커스", licence="rights-reserved"
    )
    block = licence_block(client.get("/en/news/outlet/").content.decode())
    assert "All rights reserved: ask the copyright holder" in block
    assert 'rel="license' not in block
    assert '<a href="/en/terms/">What this means</a>' in block


def test_seeded_items_carry_the_licences_of_their_source():
    load_news()
    load_publications()
    assert dict(NewsItem.objects.values_list("category", "licence").distinct()) == {
        "external": "rights-reserved",
        "notice": "kogl-1",
        "press_release": "kogl-1",
    }
    reserved = Publication.objects.filter(licence="rights-reserved")
    assert set(reserved.values_list("publisher", flat=True)) == {"The Seoul Institute"}
    assert Publication.objects.filter(licence="kogl-1").count() == 11
