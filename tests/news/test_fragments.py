"""The news pages' cached fragments (issue 13): the list's cards, filter form, count and page
links, its pages' ids, the item page's parts and the feed's items. With the page cache off, a
warm list or feed runs no query and an item's page only the one that reads it by its slug (its
view count is live); each shows what it showed with fragments off, and every edit shows on the
next request."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive_portal import fragments, pagecache
from news.models import Category, NewsItem, Status
from news.views import views as news_views
from sdg_plan.models import Project
from tests.goals import make_goal
from tests.news.factories import NewsAttachmentFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(fragments_on, settings):  # tests/conftest.py's, and:
    # The generation is read again only after a change made here (as in one worker): the
    # counts below are the pages' own.
    settings.PAGE_CACHE_CHECK_SECONDS = 3600
    caches["default"].clear()
    fragments.reset()
    pagecache.reset()
    yield
    news_views.flush()


def settled():
    """Read the generation and the next scheduled changes now (what a process does once per
    change, whichever page comes first): the counts that follow are the pages' own."""
    pagecache.current()


def get(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert (url, response.status_code) == (url, status)
    return response.content.decode(), len(queries)


def without_counts(html):
    """The page without its view count (it changes with every view)."""
    return re.sub(r"<dt>조회수</dt><dd>[\d,]+</dd>", "", html)


def kept(name):
    return sum(1 for key in caches["default"]._cache if f":{name}:" in key)


def rendered_without_fragments(client, settings, url):
    settings.FRAGMENT_CACHE_SECONDS = 0
    html, _ = get(client, url)
    settings.FRAGMENT_CACHE_SECONDS = 600
    return html


# --- Built once, then served without their queries ---------------------------------------------


def test_the_list_keeps_a_card_per_item_and_its_page_ids(client, settings):
    NewsItemFactory.create_batch(12)
    NewsItemFactory(title="고정된 소식", pinned=True)
    settled()
    first, cold = get(client, "/ko/news/")
    second, warm = get(client, "/ko/news/")
    last, last_cold = get(client, "/ko/news/?page=2")
    assert second == first
    # Cold: the count and years (one query), the page's ids, its rows, the footer's partners.
    # Warm: nothing read (each page's ids are kept until the next edit).
    assert (cold, warm, last_cold) == (4, 0, 2)  # page 2 read its ids and its own 3 rows
    assert (kept("news-card"), kept("news-filters"), kept("news-totals")) == (13, 1, 1)
    assert kept("news-page-ids") == 2
    assert first.count('<li class="news-card') == 10
    assert '<span class="badge badge--pinned">상단 고정</span>' in first
    assert last.count('<li class="news-card') == 3
    assert rendered_without_fragments(client, settings, "/ko/news/") == first
    assert rendered_without_fragments(client, settings, "/ko/news/?page=2") == last
    assert get(client, "/ko/news/?page=2") == (last, 0)


def test_the_cards_of_a_keyword_search_mark_its_words_and_are_kept_per_query(client, settings):
    NewsItemFactory(title="서울 자전거 소식")
    seoul, _ = get(client, "/ko/news/?q=자전거")
    assert "<mark>자전거</mark>" in seoul
    plain, _ = get(client, "/ko/news/")
    assert "<mark>" not in plain
    assert kept("news-card") == 2  # one per item and marked words
    assert rendered_without_fragments(client, settings, "/ko/news/?q=자전거") == seoul
    # The filter form shows the words asked for: never kept.
    assert 'value="자전거"' in seoul
    assert kept("news-filters") == 1  # the unfiltered list's only


def test_an_items_page_reads_only_the_item_and_still_counts_each_view(client, settings):
    goal = make_goal("3-3", "기후변화 대응")
    item = NewsItemFactory(title="탄소 감축 소식", goals=[goal])
    NewsItemFactory(title="기후 행사 소식", goals=[goal])
    NewsAttachmentFactory(news_item=item, title="붙임 자료")
    url = item.get_absolute_url()
    settled()
    first, cold = get(client, url)
    second, warm = get(client, url)
    # Cold: the item, its translations, attachments, goals, projects, older, newer and related
    # items, the footer's partners.
    assert (cold, warm) == (9, 1)
    assert "<dt>조회수</dt><dd>1</dd>" in first
    assert "<dt>조회수</dt><dd>2</dd>" in second  # the count is never kept
    assert without_counts(second) == without_counts(first)
    for text in ("붙임 자료", "기후변화 대응", "기후 행사 소식", '"@type":"NewsArticle"'):
        assert text in second
    assert without_counts(rendered_without_fragments(client, settings, url)) == without_counts(
        first
    )
    assert news_views.flush() == 1
    item.refresh_from_db()
    assert item.view_count == 3


def test_a_missing_item_is_still_not_found(client):
    NewsItemFactory(slug="here")
    get(client, "/ko/news/here/")
    assert get(client, "/ko/news/not-here/", status=404)[1] == 1


def test_a_staff_preview_keeps_nothing(client, superuser):
    draft = NewsItemFactory(title="아직 초안", status=Status.DRAFT)
    client.force_login(superuser)
    html, _ = get(client, f"/ko/news/preview/{draft.pk}/")
    assert '<h1 lang="ko">아직 초안</h1>' in html
    assert not [key for key in caches["default"]._cache if ":news-detail" in key]


def test_the_feed_keeps_its_items_and_reads_nothing_between_edits(client, settings):
    NewsItemFactory.create_batch(3)
    settled()
    first, cold = get(client, "/ko/news/feed/")
    second, warm = get(client, "/ko/news/feed/")
    assert second == first
    assert (cold, warm) == (1, 0)  # the newest items, then nothing
    assert first.count("<item>") == 3
    assert kept("news-feed-items") == 1
    assert rendered_without_fragments(client, settings, "/ko/news/feed/") == first
    english, _ = get(client, "/en/news/feed/")
    assert english.count("<item>") == 3
    assert "http://testserver/en/news/news-" in english
    assert kept("news-feed-items") == 2  # per language


def test_the_feeds_addresses_follow_the_host_asked_for(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "archive.example"]
    NewsItemFactory(slug="hosted")
    get(client, "/ko/news/feed/")
    response = client.get("/ko/news/feed/", HTTP_HOST="archive.example")
    assert "<link>http://archive.example/ko/news/hosted/</link>" in response.content.decode()


# --- Every edit shows on the next request ----------------------------------------------------


def _set(instance, **values):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()


def _linked_translation(item):
    NewsItemFactory(
        slug="english-doc", title="English version", title_en="English version",
        language="en", translation_of=item,
    )  # fmt: skip


def _goal(item):
    item.goals.add(make_goal("5-1", "새 목표"))


def _project(item):
    goal = make_goal("6-1", "물 관리")
    item.projects.add(Project.objects.get(task__goal=goal))


def _related_published(item):
    goal = make_goal("7-1", "공유 목표", indicator=False)
    item.goals.add(goal)
    other = NewsItemFactory(title="공유 목표 행사", goals=[goal], status=Status.DRAFT)
    _set(other, status=Status.PUBLISHED)


def _newer_published(item):
    NewsItemFactory(
        title="더 새로운 소식", published_at=item.published_at + datetime.timedelta(hours=1)
    )


def _retitle(item):
    _set(item, title="고친 제목")


ITEM = lambda item: item.get_absolute_url()  # noqa: E731
EDITS = {
    "title on the list": (lambda item: "/ko/news/", _retitle, "고친 제목"),
    "title on the page": (ITEM, _retitle, "고친 제목"),
    "title in the feed": (lambda item: "/ko/news/feed/", _retitle, "<title>고친 제목</title>"),
    "category on the list": (
        lambda item: "/ko/news/",
        lambda i: _set(i, category=Category.NOTICE),
        'news-badge--notice">공지</span>',
    ),
    "English title on the list": (
        lambda item: "/en/news/",
        lambda i: _set(i, title_en="An English title"),
        'lang="en">An English title</a>',
    ),
    "English title on the page": (
        lambda item: item.get_absolute_url().replace("/ko/", "/en/"),
        lambda i: _set(i, title_en="An English title"),
        '<h1 lang="en">An English title</h1>',
    ),
    "linked translation": (
        ITEM,
        _linked_translation,
        '<a href="/en/news/english-doc/" lang="en" hreflang="en">English</a>',
    ),
    "attachment": (ITEM, lambda i: NewsAttachmentFactory(news_item=i, title="새 붙임"), "새 붙임"),
    "goal": (ITEM, _goal, "새 목표"),
    "project": (ITEM, _project, "세부사업 61</span></a>"),
    "related item": (ITEM, _related_published, "공유 목표 행사"),
    "newer item": (ITEM, _newer_published, 'rel="next" lang="ko">더 새로운 소식</a>'),
    "new item on the list": (lambda item: "/ko/news/", _newer_published, "더 새로운 소식"),
    "new item in the feed": (
        lambda item: "/ko/news/feed/",
        _newer_published,
        "<title>더 새로운 소식</title>",
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_shows_on_the_next_request(client, django_capture_on_commit_callbacks, edit):
    url_of, change, text = EDITS[edit]
    item = NewsItemFactory(
        title="처음 제목", goals=[make_goal("2-1", "기존 목표", indicator=False)]
    )
    url = url_of(item)
    get(client, url)
    before, _ = get(client, url)
    assert text not in before
    with django_capture_on_commit_callbacks(execute=True):
        change(item)
    after, _ = get(client, url)
    assert text in after


@pytest.mark.parametrize("url", ["/ko/news/", "/ko/news/feed/"])
def test_an_unpublished_item_leaves_the_list_and_feed_and_its_page(
    client, django_capture_on_commit_callbacks, url
):
    item = NewsItemFactory(title="내려갈 소식")
    get(client, item.get_absolute_url())
    assert "내려갈 소식" in get(client, url)[0]
    with django_capture_on_commit_callbacks(execute=True):
        _set(item, status=Status.DRAFT)
    assert "내려갈 소식" not in get(client, url)[0]
    get(client, item.get_absolute_url(), status=404)


def test_a_new_item_moves_the_pages_kept_ids(client, django_capture_on_commit_callbacks):
    items = NewsItemFactory.create_batch(20)  # the newest last
    link = 'href="{}"'.format
    page_2, _ = get(client, "/ko/news/?page=2")
    assert link(items[10].get_absolute_url()) not in page_2
    assert link(items[0].get_absolute_url()) in page_2
    with django_capture_on_commit_callbacks(execute=True):
        NewsItemFactory(title="맨 위 소식")
    page_2, _ = get(client, "/ko/news/?page=2")
    assert link(items[10].get_absolute_url()) in page_2  # pushed from page 1


@pytest.mark.parametrize("url", ["/ko/news/", "/ko/news/feed/"])
def test_a_deleted_item_leaves_the_list_and_feed(client, django_capture_on_commit_callbacks, url):
    NewsItemFactory(title="남을 소식")
    item = NewsItemFactory(title="지워질 소식")
    assert "지워질 소식" in get(client, url)[0]
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    page, _ = get(client, url)
    assert "지워질 소식" not in page and "남을 소식" in page


def test_a_scheduled_item_appears_at_its_time(client, monkeypatch):
    older = NewsItemFactory(title="먼저 나온 소식")
    when = timezone.now() + datetime.timedelta(hours=1)
    NewsItemFactory(title="예약된 소식", published_at=when)
    pages = ["/ko/news/", "/ko/news/feed/", older.get_absolute_url()]
    for url in pages:
        assert "예약된 소식" not in get(client, url)[0]
    monkeypatch.setattr(timezone, "now", lambda: when + datetime.timedelta(seconds=1))
    for url in pages:
        assert "예약된 소식" in get(client, url)[0]
    assert NewsItem.objects.published().count() == 2
