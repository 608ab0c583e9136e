"""Public programme pages: list (open first), detail (schedule, quotas, countdown, contact)."""

import datetime

import pytest
from django.utils import timezone

from tests.sitemaps import sitemap_documents, sitemap_locations
from tests.training.factories import NominationFactory, ProgrammeFactory, ScheduleItemFactory
from training.selectors import home_block

pytestmark = pytest.mark.django_db


def make(n, **kwargs):
    return [ProgrammeFactory(**kwargs) for _ in range(n)]


@pytest.mark.parametrize("count", [1, 3])
def test_index_query_count_is_fixed(client, django_assert_num_queries, count):
    make(count)
    make(count, application_deadline=timezone.now() - datetime.timedelta(days=30))
    client.get("/ko/training/")  # warm the footer's partner cache
    with django_assert_num_queries(1):
        response = client.get("/ko/training/")
    assert response.content.decode().count('class="programme-card"') == 2 * count


def test_index_lists_open_first_then_upcoming_then_closed(client):
    now = timezone.now()
    ProgrammeFactory(title="마감된 연수", application_deadline=now - datetime.timedelta(days=3))
    ProgrammeFactory(title="접수예정 연수", applications_open_at=now + datetime.timedelta(days=3),
                     application_deadline=now + datetime.timedelta(days=30))  # fmt: skip
    ProgrammeFactory(title="접수중 연수")
    ProgrammeFactory(title="비공개 연수", is_published=False)
    html = client.get("/ko/training/").content.decode()
    assert html.index("접수중 연수") < html.index("접수예정 연수") < html.index("마감된 연수")
    assert "비공개 연수" not in html


@pytest.mark.parametrize("rows", [1, 3])
def test_detail_query_count_is_fixed(client, django_assert_num_queries, rows):
    programme = ProgrammeFactory(slug="call")
    for _ in range(rows):
        ScheduleItemFactory(programme=programme)
    client.get("/ko/training/call/")
    with django_assert_num_queries(2):
        response = client.get("/ko/training/call/")
    assert response.content.decode().count('<th scope="row">') == rows


def test_open_detail_has_countdown_and_apply_button(client):
    ProgrammeFactory(slug="call", application_deadline=timezone.now() + datetime.timedelta(days=12))
    html = client.get("/ko/training/call/").content.decode()
    assert "D-12" in html or "D-11" in html  # depends on the hour in Seoul
    assert html.count('href="/ko/training/call/apply/"') == 2
    assert "접수중" in html


def test_closed_detail_has_no_apply_button(client):
    ProgrammeFactory(slug="call", application_deadline=timezone.now() - datetime.timedelta(days=1))
    html = client.get("/ko/training/call/").content.decode()
    assert "/apply/" not in html
    assert "접수가 마감된 모집입니다." in html
    assert "D-" not in html


def test_detail_of_unpublished_programme_is_404(client):
    ProgrammeFactory(slug="call", is_published=False)
    assert client.get("/ko/training/call/").status_code == 404


def test_nominations_never_reach_public_pages_or_the_sitemap(client, programme):
    NominationFactory(programme=programme, company="비밀기업", writer_name="홍길동비밀")
    pages = [
        (path, client.get(path).content.decode())
        for path in ["/ko/training/", "/ko/training/open-call/", "/en/training/open-call/", "/ko/"]
    ]
    for path, html in pages + sitemap_documents(client):
        assert "비밀기업" not in html and "홍길동비밀" not in html and "TR-2025" not in html, path
    locations = sitemap_locations(client)
    assert "http://testserver/ko/training/open-call/" in locations
    assert not [loc for loc in locations if "/nominations/" in loc]


def test_home_block_shows_open_and_upcoming(django_assert_num_queries):
    now = timezone.now()
    ProgrammeFactory(title="마감", application_deadline=now - datetime.timedelta(days=3))
    ProgrammeFactory(title="예정", applications_open_at=now + datetime.timedelta(days=3),
                     application_deadline=now + datetime.timedelta(days=30))  # fmt: skip
    ProgrammeFactory(title="접수중")
    with django_assert_num_queries(1):
        block = home_block()
    assert [p.title for p in block["items"]] == ["접수중", "예정"]
    assert block["closed"] == []


def test_home_block_without_open_calls_links_the_closed(client):
    ProgrammeFactory(title="지난 연수", slug="past",
                     application_deadline=timezone.now() - datetime.timedelta(days=3))  # fmt: skip
    block = home_block()
    assert block["items"] == []
    assert [p.title for p in block["closed"]] == ["지난 연수"]
    html = client.get("/ko/").content.decode()
    assert "현재 접수중이거나 접수예정인 초청연수 모집이 없습니다." in html
    assert 'href="/ko/training/past/"' in html


def test_the_policy_sharing_menu_item_opens_a_page_of_that_name(client):
    html = client.get("/en/training/").content.decode()
    assert "<h1>Policy sharing & training</h1>" in html
    assert '<a href="/en/publications/policy-cases/">Policy cases</a>' in html
    assert '<li aria-current="page">Policy sharing & training</li>' in html
    nav = html[
        html.index('<nav class="main-nav"') : html.index(
            "</nav>", html.index('<nav class="main-nav"')
        )
    ]
    assert 'href="/en/training/" aria-current="page">Policy sharing & training</a>' in nav


def test_policy_cases_sit_under_policy_sharing_in_the_menu_and_the_breadcrumb(client):
    html = client.get("/en/publications/policy-cases/").content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert '<li><a href="/en/training/">Policy sharing & training</a></li>' in crumbs
    assert "Publications & research" not in crumbs
    nav = html[html.index('<nav class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'href="/en/training/" aria-current="page">' in nav
    assert 'href="/en/publications/" aria-current' not in nav
