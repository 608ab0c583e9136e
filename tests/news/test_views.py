import datetime
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import seed
from news.models import Category, NewsItem, Status
from news.views import PAGE_SIZE, views
from tests.news.factories import SEOUL, NewsAttachmentFactory, NewsItemFactory, copies_of
from tests.plans import executed_plans, index_scans
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db

LIST_URL = "/ko/news/"


def titles(response):
    """The card titles on a list page, in order (the keywords' <mark> taken out)."""
    found = re.findall(
        r'<h3 class="card__title"><a href="[^"]+"[^>]*>(.+?)</a></h3>', response.text
    )
    return [re.sub(r"</?mark>", "", title) for title in found]


# --- List ---------------------------------------------------------------------------------


def test_list_shows_pinned_first_then_newest_with_the_count(client):
    NewsItemFactory(title="오래된 소식")
    NewsItemFactory(title="새 소식")
    NewsItemFactory(
        title="고정 공지", pinned=True, published_at=timezone.now() - datetime.timedelta(days=900)
    )
    NewsItemFactory(title="초안", status=Status.DRAFT)
    NewsItemFactory(title="예약", published_at=timezone.now() + datetime.timedelta(days=1))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert titles(response) == ["고정 공지", "새 소식", "오래된 소식"]
    assert "새소식 3건" in response.text
    assert response.text.count('<span class="badge badge--pinned">상단 고정</span>') == 1


def test_list_links_the_feed_in_the_head(client):
    response = client.get(LIST_URL)
    assert (
        '<link rel="alternate" type="application/rss+xml" title="서울정책아카이브 — 새소식" '
        'href="/ko/news/feed/">' in response.text
    )
    assert reverse("news:feed") == "/ko/news/feed/"


def test_empty_list_says_nothing_has_been_published(client):
    response = client.get(LIST_URL)
    assert "아직 게시된 새소식이 없습니다." in response.text
    assert "새소식 0건" in response.text


def test_english_list(client):
    NewsItemFactory(title="서울시 소식")
    response = client.get("/en/news/")
    assert "1 news item" in response.text
    assert '<a href="/en/news/news-' in response.text
    assert 'lang="ko">서울시 소식</a>' in response.text  # a Korean item on an English page


@pytest.fixture
def seeded(db):
    seed.load()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Korean words match inside compound words: 연수 → 초청연수
        (
            "q=연수",
            [
                "『글로벌 약자와의 동행』을 위한 해외 도시철도관계자 초청연수, 민간기업 추천 대상국가(도…",
                "『2023년 도시철도 해외진출을 위한 초청연수』 민간기업 추천 대상국가(도시, 기관) 모집…",
            ],
        ),
        ("q=CDP", ["서울시 올해 탄소정보공개(CDP) 평가에서 국내 유일 최고등급(A) 받아"]),
        ("q=cdp", ["서울시 올해 탄소정보공개(CDP) 평가에서 국내 유일 최고등급(A) 받아"]),
        (
            "year=2023&category=notice",
            [
                "『2023년 도시철도 해외진출을 위한 초청연수』 민간기업 추천 대상국가(도시, 기관) 모집…"
            ],
        ),
        (
            "q=연수&year=2025",
            [
                "『글로벌 약자와의 동행』을 위한 해외 도시철도관계자 초청연수, 민간기업 추천 대상국가(도…"
            ],
        ),
        (
            "category=external",
            [
                "서울시, 인재 양성·인프라 조성·투자확대 등의 축 기반으로 한 AI 핵심강국 진입 전략 마련"
            ],
        ),
        (
            # every word must match; "AI" also matches the 창조산업 item's 인공지능(AI)
            "q=서울시 AI&year=2023",
            [
                "서울시, 창조산업 비전 발표…서울경제 미래 동력으로 창조산업 키운다",
                "서울시 'AI 디지털 성범죄 삭제지원', 정부혁신 우수사례 대통령상‘대상’수상",
            ],
        ),
        ("q=서울시 존재하지않는낱말", []),
    ],
)
def test_filters_and_keyword_combine(client, seeded, query, expected):
    response = client.get(f"{LIST_URL}?{query}")
    assert titles(response) == [t.replace("'", "&#x27;") for t in expected]
    assert f"새소식 {len(expected)}건" in response.text


def test_the_keywords_are_marked_in_the_cards_and_nothing_else_is_unescaped(client):
    NewsItemFactory(title="<b>초청 연수</b> 안내", summary="해외 공무원 초청연수 & 교류")
    text = client.get(LIST_URL, {"q": "초청연수"}).text
    assert '">&lt;b&gt;<mark>초청 연수</mark>&lt;/b&gt; 안내</a></h3>' in text
    assert "해외 공무원 <mark>초청연수</mark> &amp; 교류" in text
    assert "<mark>" not in client.get(LIST_URL).text  # no keywords, nothing marked


def test_year_filter_offers_the_years_that_have_news(client, seeded):
    response = client.get(LIST_URL)
    options = re.findall(r'<option value="(\d{4})"', response.text)
    assert options == ["2025", "2023"]


def test_the_years_follow_the_items_at_once_in_seoul_time(client, seeded):
    seoul = datetime.timezone(datetime.timedelta(hours=9))
    # 2019-12-31 23:30 in Seoul is still 2019 there (14:30 UTC).
    item = NewsItemFactory(published_at=datetime.datetime(2019, 12, 31, 23, 30, tzinfo=seoul))
    NewsItemFactory(published_at=datetime.datetime(2021, 1, 1, 0, 10, tzinfo=seoul))
    NewsItemFactory(published_at=datetime.datetime(2020, 6, 1, tzinfo=seoul), status=Status.DRAFT)
    NewsItemFactory(published_at=timezone.now() + datetime.timedelta(days=400))  # scheduled
    options = re.findall(r'<option value="(\d{4})"', client.get(LIST_URL).text)
    assert options == ["2025", "2023", "2021", "2019"]
    item.delete()
    options = re.findall(r'<option value="(\d{4})"', client.get(LIST_URL).text)
    assert options == ["2025", "2023", "2021"]


def test_the_years_are_found_through_the_published_at_index():
    """On a table of some size, with its statistics, the planner reads the years from
    news_published_at_idx (one probe per year), not from the table."""
    first = NewsItemFactory(published_at=datetime.datetime(2025, 6, 1, 9, tzinfo=SEOUL))
    copies_of(first, 1200, every=datetime.timedelta(days=2))  # back to 2018-10
    NewsItemFactory(published_at=datetime.datetime(2017, 5, 1, tzinfo=SEOUL), status=Status.DRAFT)

    with executed_plans() as plans:
        years = NewsItem.objects.published_years()

    assert years == [2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018]
    (plan,) = plans
    assert " Seq Scan " not in plan, plan
    # The newest item, then the newest before each year.
    assert index_scans(plans) == ["news_published_at_idx", "news_published_at_idx"], plan


def test_a_year_without_news_is_ignored_not_an_error(client, seeded):
    response = client.get(f"{LIST_URL}?year=1999&category=bogus")
    assert response.status_code == 200
    assert "새소식 9건" in response.text


def test_no_match_shows_a_helpful_empty_state(client, seeded):
    response = client.get(f"{LIST_URL}?q=존재하지않는낱말&year=2023")
    assert titles(response) == []
    assert "새소식 0건" in response.text
    assert "조건에 맞는 새소식이 없습니다." in response.text
    assert '<a href="/ko/news/">새소식 전체 보기</a>' in response.text
    assert (
        "/ko/search/?q=%EC%A1%B4%EC%9E%AC%ED%95%98%EC%A7%80%EC%95%8A%EB%8A%94%EB%82%B1%EB%A7%90"
        in response.text
    )
    assert '<a href="/ko/news/">조건 지우기</a>' in response.text


def test_pagination_has_page_numbers_and_keeps_the_filters(client):
    NewsItemFactory.create_batch(PAGE_SIZE * 2 + 1, category=Category.NOTICE)

    first = client.get(f"{LIST_URL}?category=notice")
    third = client.get(f"{LIST_URL}?category=notice&page=3")

    assert len(titles(first)) == PAGE_SIZE
    assert "새소식 21건" in first.text
    assert (
        '<span aria-current="page"><span class="visually-hidden">페이지 </span>1</span>'
        in first.text
    )
    assert 'href="?category=notice&amp;page=2"' in first.text
    assert 'href="?category=notice&amp;page=3"' in first.text
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text
    assert len(titles(third)) == 1
    assert "3쪽 중 3쪽" in third.text


def test_every_page_of_the_list_shows_the_rows_offset_gives(client):
    """The unfiltered list reads its page's ids from the nearer end (news.views.PageIdsPaginator):
    the first pages forwards, the later ones backwards from the last row."""
    NewsItemFactory.create_batch(21)
    NewsItemFactory.create_batch(2, pinned=True)
    expected = [item.title for item in NewsItem.objects.published().for_listing()]
    shown = [titles(client.get(f"{LIST_URL}?page={number}")) for number in (1, 2, 3)]
    assert shown == [expected[0:10], expected[10:20], expected[20:23]]


def test_a_page_beyond_the_last_shows_the_last_page(client):
    NewsItemFactory.create_batch(3)
    response = client.get(f"{LIST_URL}?page=99")
    assert response.status_code == 200
    assert len(titles(response)) == 3


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_count_does_not_grow_with_the_rows(client, django_assert_num_queries, count):
    NewsItemFactory.create_batch(count, pinned=False)
    # years offered, count (with a savepoint and the planner settings around it, see
    # archive_portal.lib.planner), page of items, footer partners (cached afterwards)
    with django_assert_num_queries(8):
        response = client.get(f"{LIST_URL}?q=서울시&category=press_release")
    assert len(titles(response)) == min(count, PAGE_SIZE)


# --- Detail -------------------------------------------------------------------------------


def test_detail_shows_the_item(client):
    item = NewsItemFactory(
        title="서울시 올해 탄소정보공개(CDP) 평가",
        slug="cdp-평가",
        summary="첫째 요점\n둘째 요점",
        body="<p>서울시는 A등급을 받았다.</p>",
        published_at=datetime.datetime(2023, 11, 30, tzinfo=datetime.UTC)
        - datetime.timedelta(hours=9),
    )
    NewsAttachmentFactory(news_item=item, title="보도자료 원문")

    response = client.get(item.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    assert '<h1 lang="ko">서울시 올해 탄소정보공개(CDP) 평가</h1>' in text
    assert (
        '<dt>등록일</dt><dd><time datetime="2023-11-30T00:00:00+09:00">2023-11-30</time></dd>'
        in text
    )
    assert "<dt>글쓴이</dt><dd>seoulsolution</dd>" in text
    assert '<span class="badge news-badge news-badge--press_release">보도자료</span>' in text
    assert '<ul class="news-lead" lang="ko"><li>첫째 요점</li><li>둘째 요점</li></ul>' in text
    assert "<p>서울시는 A등급을 받았다.</p>" in text
    assert re.search(
        r'<a href="/media/news/attachments/\d{4}/\d{2}/[0-9a-f]{32}\.pdf" download>보도자료 원문</a> <span class="meta">\(PDF, 2\.0(&nbsp;|\xa0)KB\)</span>',
        text,
    )
    url = "http://testserver/ko/news/cdp-%ED%8F%89%EA%B0%80/"
    assert f'<link rel="canonical" href="{url}">' in text
    assert f'<meta property="og:url" content="{url}">' in text
    assert '<meta property="og:type" content="article">' in text
    assert '<meta property="og:title" content="서울시 올해 탄소정보공개(CDP) 평가">' in text
    assert '<meta property="og:description" content="첫째 요점">' in text


def test_detail_links_older_and_newer_items(client):
    older = NewsItemFactory(title="이전 소식")
    item = NewsItemFactory(title="가운데 소식")
    newer = NewsItemFactory(title="다음 소식")
    NewsItemFactory(title="초안", status=Status.DRAFT)

    text = client.get(item.get_absolute_url()).text
    assert f'<a href="{older.get_absolute_url()}" rel="prev" lang="ko">이전 소식</a>' in text
    assert f'<a href="{newer.get_absolute_url()}" rel="next" lang="ko">다음 소식</a>' in text

    text = client.get(newer.get_absolute_url()).text
    assert "다음 글이 없습니다." in text  # the draft is not "newer"


def test_neighbours_at_the_same_time_go_by_id(client):
    """Items published at the same moment: the one with the next id is "newer" (the index's
    range starts at the item's own time, then the ids decide)."""
    moment = datetime.datetime(2025, 5, 1, 9, tzinfo=SEOUL)
    first, middle, last = (
        NewsItemFactory(title=title, published_at=moment) for title in ("하나", "둘", "셋")
    )
    NewsItemFactory(title="더 이른 소식", published_at=moment - datetime.timedelta(days=1))
    text = client.get(middle.get_absolute_url()).text
    assert f'<a href="{first.get_absolute_url()}" rel="prev" lang="ko">하나</a>' in text
    assert f'<a href="{last.get_absolute_url()}" rel="next" lang="ko">셋</a>' in text
    text = client.get(first.get_absolute_url()).text
    assert 'rel="prev" lang="ko">더 이른 소식</a>' in text


def test_view_count_increases_by_one_per_view(client):
    item = NewsItemFactory()
    client.get(item.get_absolute_url())
    response = client.get(item.get_absolute_url())

    assert "<dt>조회수</dt><dd>2</dd>" in response.text
    item.refresh_from_db()
    assert item.view_count == 0  # kept in the process until the next flush
    assert views.flush() == 1
    item.refresh_from_db()
    assert item.view_count == 2


def test_detail_query_count_is_fixed(client, django_assert_num_queries):
    item = NewsItemFactory()
    NewsAttachmentFactory.create_batch(3, news_item=item)
    NewsItemFactory.create_batch(3)
    # item, the item it translates (none: no query), attachments, its translations, SDG goals
    # and projects, older, newer, related items, footer partners; the view is counted with no
    # query. With fragments on, a warm page reads only the item (tests/news/test_fragments.py).
    with django_assert_num_queries(9):
        response = client.get(item.get_absolute_url())
    assert "<dt>조회수</dt><dd>1</dd>" in response.text


def test_views_counted_by_other_workers_meanwhile_are_kept(client):
    """The flush adds this process's counts to the stored ones in the database: what other
    workers and instances wrote meanwhile stays."""
    item = NewsItemFactory()
    other = NewsItemFactory()
    for _ in range(3):
        client.get(item.get_absolute_url())
    client.get(other.get_absolute_url())
    NewsItem.objects.filter(pk=item.pk).update(view_count=F("view_count") + 5)  # another worker

    with CaptureQueriesContext(connection) as queries:
        assert views.flush() == 2
    assert len(queries) == 1  # one UPDATE for every item counted
    assert dict(NewsItem.objects.values_list("pk", "view_count")) == {item.pk: 8, other.pk: 1}
    assert views.pending(item.pk) == 0
    assert views.flush() == 0  # nothing left: written once


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"published_at": timezone.now() + datetime.timedelta(days=2)},
    ],
)
def test_unpublished_items_are_not_found(client, hidden):
    item = NewsItemFactory(**hidden)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_external_article_names_its_source(client):
    item = NewsItemFactory(
        category=Category.EXTERNAL,
        author="",
        source_name="환경포커스",
        source_url="https://example.com/article/1",
    )
    text = client.get(item.get_absolute_url()).text
    assert (
        '<dt>출처</dt><dd><a href="https://example.com/article/1" rel="noopener external">'
        "환경포커스</a></dd>" in text
    )
    assert "<dt>글쓴이</dt>" not in text
    assert "이 기사는 환경포커스에 처음 실린 것으로, 참고를 위해 소개합니다." in text


def test_seeded_item_page_by_its_korean_address(client, seeded):
    item = NewsItem.objects.get(title__contains="탄소정보공개(CDP)")
    response = client.get("/ko/news/" + quote(item.slug) + "/")
    assert response.status_code == 200
    assert "올해 CDP는 총 939개 도시를 대상으로 평가를 진행하였으며" in response.text


# --- Staff preview ------------------------------------------------------------------------


def test_staff_preview_shows_a_draft_and_is_never_cached(client, superuser):
    draft = NewsItemFactory(title="아직 초안", status=Status.DRAFT)
    client.force_login(superuser)

    response = client.get(reverse("news:preview", kwargs={"pk": draft.pk}))

    assert response.status_code == 200
    assert '<h1 lang="ko">아직 초안</h1>' in response.text
    assert "이 게시물은 임시 저장 상태로, 일반 방문자는 볼 수 없습니다." in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    draft.refresh_from_db()
    assert draft.view_count == 0


def test_preview_is_for_staff_only(client, django_user_model):
    draft = NewsItemFactory(status=Status.DRAFT)
    url = reverse("news:preview", kwargs={"pk": draft.pk})

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")

    client.force_login(django_user_model.objects.create_user("citizen", password="x" * 14))
    assert client.get(url).status_code == 302

    client.force_login(
        django_user_model.objects.create_user("intern", password="x" * 14, is_staff=True)
    )
    assert client.get(url).status_code == 403


# --- Home block and sitemap ---------------------------------------------------------------


def test_home_block_lists_the_latest_five_pinned_first(django_assert_num_queries):
    from news.selectors import home_block

    for day in range(1, 8):
        NewsItemFactory(
            title=f"3월 {day}일 소식", published_at=datetime.datetime(2025, 3, day, tzinfo=SEOUL)
        )
    NewsItemFactory(
        title="고정 공지", pinned=True, published_at=datetime.datetime(2020, 1, 1, tzinfo=SEOUL)
    )
    NewsItemFactory(title="초안", status=Status.DRAFT)
    NewsItemFactory(title="예약", published_at=timezone.now() + datetime.timedelta(days=1))

    with django_assert_num_queries(1):
        block = home_block()

    assert [item.title for item in block["items"]] == [
        "고정 공지",
        "3월 7일 소식",
        "3월 6일 소식",
        "3월 5일 소식",
        "3월 4일 소식",
    ]


def test_sitemap_lists_published_news_in_both_languages(client):
    item = NewsItemFactory(slug="sitemap-item")
    NewsItemFactory(slug="draft-item", status=Status.DRAFT)

    locations = sitemap_locations(client)

    assert "http://testserver/ko/news/sitemap-item/" in locations
    assert "http://testserver/en/news/sitemap-item/" in locations
    assert not [loc for loc in locations if "draft-item" in loc]
    assert item.get_absolute_url() == "/ko/news/sitemap-item/"


def test_home_page_shows_the_news_block(client):
    item = NewsItemFactory(title="홈에 보이는 소식", category=Category.NOTICE)
    NewsItemFactory(title="보이지 않는 초안", status=Status.DRAFT)

    text = client.get("/ko/").text

    assert '<h2 id="home-news-heading">최신 새소식</h2>' in text
    assert (
        f'<a class="news-home__title" href="{item.get_absolute_url()}" lang="ko">홈에 보이는 소식</a>'
        in text
    )
    assert "보이지 않는 초안" not in text
    assert '<a href="/ko/news/">새소식 전체 보기 <span aria-hidden="true">→</span></a>' in text


# --- Staff input on the public page: no script, event handler or javascript: link ---------

HOSTILE_BODY = """
Intro paragraph with [a markdown link](javascript:alert('md')) and <b>bold</b>.

<script>alert('script')</script>
<p onclick="alert('click')" style="color:red">Clickable paragraph</p>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('html')">html link</a>
<a href="JaVaScRiPt:alert('mixed')">mixed case</a>
<a href="&#106;avascript:alert('entity')">entity</a>
<svg onload="alert('svg')"><circle r="1"/></svg>
<iframe src="https://example.com"></iframe>
<a href="https://www.seoul.go.kr/">Seoul</a>
"""


def test_hostile_body_is_cleaned_on_the_public_page(client):
    item = NewsItemFactory(body=HOSTILE_BODY, title="<script>alert('title')</script>")

    text = client.get(item.get_absolute_url()).text
    article = text[text.index('<article class="news-article">') : text.index("</article>")]

    # The only scripts: the JSON-LD block (not executed), where the title is \u-escaped, and
    # the site's own script file (the phone menu).
    scripts = re.findall(r"<script[^>]*>", text.lower())
    assert scripts[0] == '<script type="application/ld+json">'
    assert [
        tag
        for tag in scripts[1:]
        if not re.fullmatch(r'<script src="/static/js/[\w.]+\.js" defer>', tag)
    ] == []
    assert '"headline":"\\u003Cscript\\u003Ealert(\'title\')\\u003C/script\\u003E"' in text
    lowered = article.lower()
    for forbidden in ("onclick", "onerror", "onload", "javascript:", "<iframe", "<svg", "style="):
        assert forbidden not in lowered, forbidden
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text  # the title is escaped
    assert "<b>bold</b>" in article
    assert "<p>Clickable paragraph</p>" in article
    assert '<a href="https://www.seoul.go.kr/" rel="noopener noreferrer">Seoul</a>' in article


def test_summary_is_plain_text(client):
    item = NewsItemFactory(summary='<img src=x onerror="alert(1)">')
    text = client.get(item.get_absolute_url()).text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
