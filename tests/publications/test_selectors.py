from datetime import date

import pytest
from django.template.loader import render_to_string

from publications.models import Status
from publications.selectors import home_block
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_home_block_lists_the_four_newest_published_items_in_one_query(django_assert_num_queries):
    for day in range(1, 7):
        PublicationFactory(title=f"보고서 {day}", published_on=date(2024, 1, day))
    PublicationFactory(title="초안", status=Status.DRAFT, published_on=date(2024, 2, 1))
    with django_assert_num_queries(1):
        block = home_block()
    assert [p.title for p in block["items"]] == ["보고서 6", "보고서 5", "보고서 4", "보고서 3"]
    html = render_to_string("publications/_home_block.html", {"block": block})
    assert html.count('<p class="card__title" lang="ko">') == 4


def test_home_page_shows_the_block(client):
    PublicationFactory(title="홈 화면 보고서", slug="home-report")
    html = client.get("/ko/").content.decode()
    assert '<a href="/ko/publications/home-report/">홈 화면 보고서</a>' in html
