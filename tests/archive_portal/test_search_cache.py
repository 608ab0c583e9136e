# ruff: noqa: F811 - the make_plan fixture, imported, is named as a parameter
"""The site search under a burst (archive_portal/search_views.py): a search's counts and ranked
matches are kept under the content generation for the query's words, type, goal and depth, its
result cards as fragments per row and words. A repeated search runs no query; every change that
alters what a search finds or shows appears on the next request (in another process, within
the check interval); odd input never fills the cache."""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone

from publications.models import Status as PublicationStatus
from tests.archive_portal.test_fragments import get
from tests.archive_portal.test_page_cache import _set, in_another_process, later, news_unpublish
from tests.news.factories import NewsItemFactory
from tests.publications.factories import AttachmentFactory, PublicationFactory
from tests.sdg_plan.conftest import make_plan  # noqa: F401 - a fixture
from tests.training.factories import ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def kept(name):
    """The cache keys of the fragments called `name`."""
    return {key for key in caches["default"]._cache if f":{name}:" in key}


def titles(html):
    """The result cards' titles, in order."""
    return [
        part.split(">", 1)[1].split("</a>")[0]
        for part in html.split('<p class="card__title"><a ')[1:]
    ]


def cards(html):
    return (
        html.split('<ol class="card-list search-results">')[1].split("</ol>")[0].split("<li>")[1:]
    )


def result_count(html):
    return html.split('<p class="result-count" role="status">')[1].split("</p>")[0]


def test_with_the_results_cache_off_every_search_runs_and_shows_the_same_page(client, settings):
    """SEARCH_RESULTS_CACHE=false (make bench's latency table): the search runs each time; the
    page is the one the cache would give."""
    for number in range(3):
        NewsItemFactory(title=f"반복검색 소식 {number}")
    cached_page, _ = get(client, "/ko/search/", data={"q": "반복검색"})
    settings.SEARCH_RESULTS_CACHE = False
    first, _ = get(client, "/ko/search/", data={"q": "반복검색"})
    again, queries = get(client, "/ko/search/", data={"q": "반복검색"})
    assert first == again == cached_page
    assert queries > 0
    assert result_count(again) == "3건"


def test_a_repeated_search_runs_no_query_and_shows_the_same_page(client):
    for number in range(25):
        NewsItemFactory(title=f"반복검색 소식 {number}")
    ProgrammeFactory(title="반복검색 연수")
    first, cold = get(client, "/ko/search/", data={"q": "반복검색"})
    again, warm = get(client, "/ko/search/", data={"q": "반복검색"})
    assert again == first
    assert warm == 0
    assert cold > 0
    assert result_count(first) == "26건"
    assert len(titles(first)) == 20
    # The same words written otherwise are the same search (the box keeps what was typed).
    spaced, queries = get(client, "/ko/search/", data={"q": "반복검색 반복검색"})
    assert (titles(spaced), queries) == (titles(first), 0)
    # Page 2 and a type filter are searches of their own, once; their cards are shared.
    second_page, cold_page = get(client, "/ko/search/", data={"q": "반복검색", "page": "2"})
    assert titles(second_page) == [f"반복검색 소식 {number}" for number in (5, 4, 3, 2, 1, 0)]
    assert cold_page > 0
    assert get(client, "/ko/search/", data={"q": "반복검색", "page": "2"}) == (second_page, 0)
    training, _ = get(client, "/ko/search/", data={"q": "반복검색", "type": "training"})
    assert titles(training) == ["반복검색 연수"]
    assert get(client, "/ko/search/", data={"q": "반복검색", "type": "training"})[1] == 0
    english, _ = get(client, "/en/search/", data={"q": "반복검색"})
    assert 'lang="en"' in english
    assert get(client, "/en/search/", data={"q": "반복검색"})[1] == 0


def test_no_result_the_suggestion_and_the_empty_page_are_kept_too(client, make_plan):
    make_plan(1)
    NewsItemFactory(title="공유도시 서울", title_en="Sharing City Seoul")
    html, cold = get(client, "/en/search/", data={"q": "sharng city"})
    assert 'Did you mean <a href="?q=Sharing%20City">Sharing City</a>?' in html
    assert get(client, "/en/search/", data={"q": "sharng city"}) == (html, 0)
    assert cold > 0
    empty, _ = get(client, "/ko/search/")
    assert 'href="/ko/sdg/goals/1-1/"' in empty
    assert get(client, "/ko/search/") == (empty, 0)


def test_cards_missing_from_the_cache_are_built_again_from_their_rows(client, make_plan):
    """The matches kept, the cards gone (evicted): the page's rows are read by key, one query
    per large source shown, the small sources' from the process's copy."""
    make_plan(1)
    NewsItemFactory(title="카드검색 소식", summary="카드검색 요약")
    PublicationFactory(title="카드검색 보고서")
    ProgrammeFactory(title="카드검색 연수")
    first, _ = get(client, "/ko/search/", data={"q": "카드검색"})
    cache = caches["default"]
    for key in kept("search-hit") | kept("search-cards"):
        cache.delete(key.split(":", 2)[2])
    assert kept("search-hit") == set()
    again, queries = get(client, "/ko/search/", data={"q": "카드검색"})
    assert again == first
    shown = [card.split('<span class="badge">')[1].split("<")[0] for card in cards(first)]
    assert shown == ["초청연수", "발간물·정책사례", "새소식"]
    assert "<mark>카드검색</mark> 요약" in first
    assert queries == 2  # news and publications by key; the programme from memory
    assert len(kept("search-hit")) == 3


# (make the row, the search, the change, (text, shown after the change)).
CHANGES = {
    "news title edited": (
        lambda: NewsItemFactory(title="변경검색 옛 소식"),
        {"q": "변경검색"},
        lambda item: _set(item, title="변경검색 새 소식", title_ko="변경검색 새 소식"),
        ("변경검색 새 소식", True),
    ),
    "news unpublished": (
        lambda: NewsItemFactory(title="변경검색 내려갈 소식"),
        {"q": "변경검색"},
        news_unpublish,
        ("변경검색 내려갈 소식", False),
    ),
    "news deleted": (
        lambda: NewsItemFactory(title="변경검색 지울 소식"),
        {"q": "변경검색"},
        lambda item: item.delete(),
        ("변경검색 지울 소식", False),
    ),
    "news translated": (
        lambda: NewsItemFactory(title="변경검색 번역할 소식"),
        {"q": "변경검색"},
        lambda item: _set(item, title_en="Translated search news"),
        ("Translated search news", True),
    ),
    "news summary edited (the snippet)": (
        lambda: NewsItemFactory(title="변경검색 요약", summary="옛 요약문"),
        {"q": "변경검색"},
        lambda item: _set(item, summary="새로 쓴 요약문"),
        ("새로 쓴 요약문", True),
    ),
    "news tagged with a goal": (
        lambda: NewsItemFactory(title="변경검색 목표 소식"),
        {"q": "변경검색", "goal": "1-1"},
        lambda item: item.goals.set([item.goals.model.objects.get(code="1-1")]),
        ("변경검색 목표 소식", True),
    ),
    "publication attachment added": (
        lambda: PublicationFactory(title="첨부로 찾을 보고서"),
        {"q": "변경검색첨부"},
        lambda publication: AttachmentFactory(publication=publication, title="변경검색첨부 자료"),
        ("첨부로 찾을 보고서", True),
    ),
    "publication unpublished": (
        lambda: PublicationFactory(title="변경검색 내려갈 보고서"),
        {"q": "변경검색"},
        lambda publication: _set(publication, status=PublicationStatus.DRAFT),
        ("변경검색 내려갈 보고서", False),
    ),
    "programme edited": (
        lambda: ProgrammeFactory(title="변경검색 옛 연수"),
        {"q": "변경검색"},
        lambda programme: _set(programme, title="변경검색 새 연수", title_ko="변경검색 새 연수"),
        ("변경검색 새 연수", True),
    ),
    "programme unpublished": (
        lambda: ProgrammeFactory(title="변경검색 내려갈 연수"),
        {"q": "변경검색"},
        lambda programme: _set(programme, is_published=False),
        ("변경검색 내려갈 연수", False),
    ),
    "sdg goal renamed": (
        lambda: None,
        {"q": "과제"},
        lambda _: _set(
            _goal("1-1"), title="과제 고친 이름", title_ko="과제 고친 이름", title_en=""
        ),
        ("과제 고친 이름", True),
    ),
}


def _goal(code):
    from sdg_plan.models import Goal

    return Goal.objects.get(code=code)


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_in_the_next_search_of_another_process(
    client, settings, django_capture_on_commit_callbacks, make_plan, change
):
    make_plan(2)
    NewsItemFactory(title="변경검색 그대로인 소식")  # always found: the page has results
    make, data, edit, (text, present) = CHANGES[change]
    instance = make()
    url = "/en/search/" if change == "news translated" else "/ko/search/"
    before, _ = get(client, url, data=data)
    assert (text in before) is not present
    assert get(client, url, data=data) == (before, 0)
    with django_capture_on_commit_callbacks(execute=True):
        edit(instance)
    in_another_process(elapsed=0)  # it read the generation just now: nobody told it yet
    assert get(client, url, data=data) == (before, 0)
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    after, _ = get(client, url, data=data)
    assert (text in after) is present


def test_a_scheduled_news_item_is_found_at_its_time(client, monkeypatch):
    NewsItemFactory(title="예약검색 지난 소식")
    when = timezone.now() + datetime.timedelta(hours=1)
    NewsItemFactory(title="예약검색 새 소식", published_at=when)
    before, _ = get(client, "/ko/search/", data={"q": "예약검색"})
    assert titles(before) == ["예약검색 지난 소식"]
    assert get(client, "/ko/search/", data={"q": "예약검색"}) == (before, 0)
    later(monkeypatch, when + datetime.timedelta(seconds=1))
    after, _ = get(client, "/ko/search/", data={"q": "예약검색"})
    assert titles(after) == ["예약검색 새 소식", "예약검색 지난 소식"]


def test_odd_input_answers_and_keeps_a_bounded_number_of_entries(client):
    NewsItemFactory(title="한정검색 소식")
    for page in ["1", "2", "10", "11", "999999999999999999999999", "-1", "abc", "\x00", "1.5"]:
        html, _ = get(client, "/ko/search/", data={"q": "한정검색", "page": page})
        assert titles(html) == ["한정검색 소식"], page
    # Every page past the tenth needs the same 200 matches per source: one entry for them.
    assert len(kept("search-results")) == 3  # 20 (page 1 and the odd ones), 40, 200 matches
    long_query = "한정검색 " + "가" * 5000
    for tail in ("", "나", "다라"):  # past the 200 characters kept: the same search
        html, _ = get(client, "/ko/search/", data={"q": long_query + tail})
        assert result_count(html) == "0건"
    assert len(kept("search-results")) == 4
    assert len(kept("search-suggestion")) == 1
    for junk in ("\x01\x02", "\u202e한정검색\x7f"):
        html, _ = get(client, "/ko/search/", data={"q": junk, "type": "nonsense", "goal": "9-9"})
        assert titles(html) == ([] if junk == "\x01\x02" else ["한정검색 소식"])
    assert client.post("/ko/search/", {"q": "한정검색"}).status_code == 405
    assert len(kept("search-results")) == 4


def test_a_card_marks_the_words_of_its_own_search(client):
    NewsItemFactory(title="표시검색 소식", summary="표시검색 요약 문장")
    one, _ = get(client, "/ko/search/", data={"q": "표시검색"})
    two, _ = get(client, "/ko/search/", data={"q": "요약 표시검색"})
    assert '<p class="card__summary" lang="ko"><mark>표시검색</mark> 요약 문장</p>' in one
    assert (
        '<p class="card__summary" lang="ko"><mark>표시검색</mark> <mark>요약</mark> 문장</p>' in two
    )
    assert len(kept("search-hit")) == 2


def test_the_page_links_are_kept_for_the_search_s_own_parameters_only(client):
    for number in range(45):
        NewsItemFactory(title=f"쪽검색 소식 {number}")
    first, _ = get(client, "/ko/search/?q=쪽검색&page=2")
    assert '<a href="?q=%EC%AA%BD%EA%B2%80%EC%83%89&amp;page=3" rel="next">' in first
    assert len(kept("search-pages")) == 1
    # The parameters in another order: links in that order, an entry of their own.
    reordered, _ = get(client, "/ko/search/?page=2&q=쪽검색")
    assert '<a href="?page=3&amp;q=%EC%AA%BD%EA%B2%80%EC%83%89" rel="next">' in reordered
    assert len(kept("search-pages")) == 2
    # Other parameters, a repeated one, a query as not cleaned: rendered, never kept.
    for odd in (
        "/ko/search/?q=쪽검색&page=2&utm_source=x",
        "/ko/search/?q=쪽검색&page=2&type=&type=",
        "/ko/search/?q=쪽검색&page=2&type=nonsense",
        "/ko/search/?q=쪽검색&page=2&goal=9-9",
        "/ko/search/?q=쪽검색%20%20&page=2",
    ):
        html, _ = get(client, odd)
        assert 'rel="next">' in html, odd
    tagged, _ = get(client, "/ko/search/?q=쪽검색&page=2&utm_source=x")
    assert (
        '<a href="?q=%EC%AA%BD%EA%B2%80%EC%83%89&amp;page=3&amp;utm_source=x" rel="next">' in tagged
    )
    assert len(kept("search-pages")) == 2
