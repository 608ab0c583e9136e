"""The one search over the archive: Korean substrings, English stems, AND of words, privacy,
escaping, the index each kind of word uses, a query count that does not grow with rows, and
every seeded item found by each of its distinctive words."""

import html
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive_portal import search
from archive_portal.lib.bilingual import language_columns
from archive_portal.lib.pagination import capped_count
from archive_portal.lib.search import keyword_filter
from archive_portal.lib.search_document import TAG
from news.models import NewsItem
from tests.news.factories import NewsItemFactory
from tests.plans import executed_plans, index_scans
from tests.training.factories import NominationFactory, TraineeFactory

pytestmark = pytest.mark.django_db


def titles(hits):
    return [str(hit.title) for hit in hits]


def test_hangul_gives_trigrams_under_the_clusters_locale():
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('한국')")
        assert cursor.fetchone()[0] != []


@pytest.mark.parametrize(
    ("word", "index"),
    [
        ("초청연수", "news_search_bigrams"),  # Hangul: every bigram of the word, from the index
        ("교육", "news_search_bigrams"),  # two syllables: the Hangul bigram vector
        ("ai전략", "news_search_trgm"),  # Hangul mixed with other characters: trigram LIKE
        ("policy", "news_search_english"),  # English: the full-text vector
    ],
)
def test_each_kind_of_word_is_answered_from_its_index(word, index):
    """Keyword matches are counted inside bitmap_scans() (archive_portal.lib.planner), as the
    lists and the site search count them: there each kind of word is read from its own index,
    which only happens when the condition built for the word is one that index answers. Under
    the same settings a condition it cannot answer (Django's icontains) reads no index: the
    index merely existing is not enough. (That the planner prefers these indexes on its own at
    100,000 items is measured by `make bench`; a table that large takes too long to fill here.)"""
    NewsItemFactory.create_batch(5)
    matches = keyword_filter(NewsItem.objects.all(), word, ["title", "summary", "body"])
    with executed_plans() as plans:
        capped_count(matches)
    assert index_scans(plans) == [index], plans

    with executed_plans() as plans:
        capped_count(NewsItem.objects.filter(body__icontains=word))
    assert index_scans(plans) == [], plans


def test_second_page_continues_the_ranking(client):
    NewsItemFactory.create_batch(25, title="페이지넘김시험 소식")
    first = client.get("/ko/search/", {"q": "페이지넘김시험"}).content.decode()
    assert '<p class="result-count" role="status">25건</p>' in first
    assert first.count('<p class="card__title">') == 20
    assert (
        'href="?q=%ED%8E%98%EC%9D%B4%EC%A7%80%EB%84%98%EA%B9%80%EC%8B%9C%ED%97%98&amp;page=2"'
        in first
    )
    second = client.get("/ko/search/", {"q": "페이지넘김시험", "page": 2}).content.decode()
    assert second.count('<p class="card__title">') == 5
    assert (
        '<span aria-current="page"><span class="visually-hidden">페이지 </span>2</span>' in second
    )


@pytest.mark.parametrize(
    ("word", "index"),
    [
        ("교육", {"news_title_bigrams"}),
        ("policy", {"news_title_english"}),
        # Either trigram index of the title answers LIKE: the GIN one, or the GiST one that
        # related items order by distance (the planner picks it for rare words).
        ("ai전략", {"news_title_trgm", "news_title_trgm_gist"}),
    ],
)
def test_title_matches_are_found_from_the_titles_own_indexes(word, index):
    """The site search ranks title matches first and counts them inside bitmap_scans(): from
    the titles' own indexes (see the test above)."""
    from archive_portal.lib.search import title_q

    NewsItemFactory.create_batch(5)
    with executed_plans() as plans:
        capped_count(NewsItem.objects.filter(title_q(word, NewsItem)))
    scans = index_scans(plans)
    assert len(scans) == 1, plans
    assert scans[0] in index, plans


# --- Spacing ---------------------------------------------------------------------------------


def test_portal_bigrams_records_the_pairs_either_side_of_a_space():
    with connection.cursor() as cursor:
        cursor.execute("SELECT portal_bigrams(%s)::text", ["초청 연수를 할 수 있다. 서울, 시민"])
        lexemes = set(re.findall(r"'([^']+)'", cursor.fetchone()[0]))
    # Inside each Hangul run, and across each run of whitespace (also past a one-syllable
    # word: 할 수 있다); never across punctuation (서울, 시민).
    assert lexemes == {
        "초청",
        "연수",
        "수를",
        "있다",
        "서울",
        "시민",
        "청 연",
        "를 할",
        "할 수",
        "수 있",
    }


def test_a_long_korean_word_finds_the_text_that_spaces_it(client):
    spaced = NewsItemFactory(title="해외 공무원 초청 연수 안내", body="<p>초청 연수 일정</p>")
    joined = NewsItemFactory(title="도시철도 초청연수 결과", body="<p>초청연수를 마쳤다</p>")
    NewsItemFactory(title="서울시 민간위탁 공고", body="<p>서울시 민간 협력</p>")

    _, hits = search.run("초청연수")
    assert {hit.obj for hit in hits} == {spaced, joined}
    assert all(hit.relevance == 1 for hit in hits)  # both titles hold the word
    _, hits = search.run("초청 연수")  # two words: each matches on its own, written either way
    assert {hit.obj for hit in hits} == {spaced, joined}
    # Two syllables must be written together: 시민 is not in "서울시 민간".
    counts, _ = search.run("시민")
    assert counts["news"] == 0

    html = client.get("/ko/search/", {"q": "초청연수"}).content.decode()
    # Each result's snippet marks the word as that text writes it.
    assert '<p class="card__summary" lang="ko"><mark>초청 연수</mark> 일정</p>' in html
    assert '<p class="card__summary" lang="ko"><mark>초청연수</mark>를 마쳤다</p>' in html
    news_list = client.get("/ko/news/", {"q": "초청연수"}).content.decode()
    assert "해외 공무원 <mark>초청 연수</mark> 안내" in news_list
    assert "도시철도 <mark>초청연수</mark> 결과" in news_list


def test_spacing_is_tolerated_on_the_small_tables_too():
    from tests.training.factories import ProgrammeFactory

    programme = ProgrammeFactory(
        title="도시철도 관계자 초청 연수", summary="해외 관계자", description="노하우 전수"
    )
    counts, hits = search.run("관계자초청연수")
    assert counts["training"] == 1
    assert hits[0].obj == programme
    assert hits[0].relevance == 1


# --- Punctuation -------------------------------------------------------------------------------


def test_a_korean_word_with_punctuation_counts_as_its_parts():
    from archive_portal.lib.search import split_words

    assert split_words("양성·인프라 『초청연수』 R&D 3,685 양성") == [
        "양성",
        "인프라",
        "초청연수",
        "R&D",
        "3,685",
    ]
    item = NewsItemFactory(title="인재 양성과 인프라 조성", body="<p>투자 확대</p>")
    _, hits = search.run("양성·인프라")
    assert [hit.obj for hit in hits] == [item]


def test_english_words_with_punctuation_match_as_written():
    both = NewsItemFactory(title="R&D 투자 확대", body="<p>e-Government services</p>")
    NewsItemFactory(title="D 구역 R 동 안내", body="<p>government e 서비스</p>")
    counts, hits = search.run("R&D")
    assert [hit.obj for hit in hits] == [both]
    _, hits = search.run("e-government")
    assert [hit.obj for hit in hits] == [both]


def test_numbers_with_separators_match_as_written():
    item = NewsItemFactory(title="인권교육 이수자", body="<p>누적 3,685명 이수 (2013~2017)</p>")
    NewsItemFactory(title="다른 소식", body="<p>3명과 685명</p>")
    for query in ("3,685", "3,685명", "2013~2017"):
        _, hits = search.run(query)
        assert [hit.obj for hit in hits] == [item], query


# --- Many matches ------------------------------------------------------------------------------


@pytest.mark.parametrize("beyond_the_count_cap", [False, True])
def test_many_matches_are_ranked_by_title_then_date(monkeypatch, beyond_the_count_cap):
    """Past PER_SOURCE_LIMIT matches the search reads the title matches and the others in two
    queries, each through the index or by walking the date order: the order is the same.
    Beyond the count cap (lowered here, instead of creating a thousand rows) the other matches
    are found by walking the date order."""
    import datetime

    from django.utils import timezone

    if beyond_the_count_cap:
        monkeypatch.setattr(search, "COUNT_CAP", 100)
        monkeypatch.setattr(search, "PER_SOURCE_LIMIT", 50)
    now = timezone.now()

    def item(number, title):
        return NewsItemFactory(
            title=title,
            body="<p>다수결과시험 본문</p>",
            published_at=now - datetime.timedelta(days=number),
            pinned=False,
        )

    others = [item(n, f"일반 소식 {n}") for n in range(205)]
    # Few in titles (fetched through the title index): first, newest first.
    in_titles = [item(500 + n, f"다수결과시험 제목 {n}") for n in range(3)]
    counts, hits = search.run("다수결과시험", limit=20)
    assert counts["news"] == (101 if beyond_the_count_cap else 208)
    assert [hit.obj for hit in hits] == in_titles + others[:17]
    assert [hit.relevance for hit in hits] == [1] * 3 + [0] * 17

    # Many in titles (more than the page needs: walking the date order finds them).
    in_titles += [item(600 + n, f"다수결과시험 제목 {n}") for n in range(3, 25)]
    _, hits = search.run("다수결과시험", limit=20)
    assert [hit.obj for hit in hits] == in_titles[:20]


# --- The seed content ------------------------------------------------------------------------
# One copy for the tests below (tests/conftest.py::seed_content); tests that create their own
# rows go above.


def test_korean_word_matches_inside_compounds_and_before_particles(seed_content):
    counts, hits = search.run("연수")
    assert counts["news"] == 2
    assert counts["training"] == 2
    assert counts["publications"] == 0
    # Title matches first: the two programmes and the two news items announcing them.
    assert all("초청연수" in title for title in titles(hits[:4]))
    assert hits[0].source.key == "training"
    assert titles(hits[:1]) == [
        "『글로벌 약자와의 동행』을 위한 해외 도시철도관계자 초청연수, 민간기업 추천 대상국가(도시, 기관) 모집"
    ]
    _, hits = search.run("탄소중립")  # the item's text says 탄소중립을 …
    assert titles(hits) == ["서울시 올해 탄소정보공개(CDP) 평가에서 국내 유일 최고등급(A) 받아"]


def test_every_word_must_match(seed_content):
    counts, hits = search.run("초청연수 CDP")
    assert sum(counts.values()) == 0
    assert hits == []
    counts, hits = search.run("탄소정보공개 CDP")
    assert counts["news"] == 1


def test_english_is_case_insensitive_and_stemmed(seed_content):
    _, hits = search.run("sharing")
    assert titles(hits)[0] == "The Sharing City Seoul Project"
    _, upper = search.run("SHARING")
    assert titles(upper) == titles(hits)
    # A stem match: "policies" also finds the brochure and the abstracts, whose texts only say
    # "policy"; "policy" finds the project, which also says "policies". The archive's English
    # titles and summaries (and the SDG plan's English names) are searched as well.
    found = {}
    for query in ("policies", "policy", "POLICY"):
        counts, hits = search.run(query)
        found[query] = (counts, titles(hits))
        assert {
            "서울연구원 영문 홍보브로슈어(SI Brochure - English)",
            "The Seoul Institute Research Abstracts 2020",
            "The Sharing City Seoul Project",
        } <= set(titles(hits)), query
    # Stemming on the large tables (news, publications); case never matters.
    assert found["policy"] == found["POLICY"]
    for section in ("news", "publications"):
        assert found["policies"][0][section] == found["policy"][0][section]
    assert found["policy"][0]["publications"] == 9


def test_two_syllable_korean_word(seed_content):
    counts, hits = search.run("교육")
    assert counts["news"] == 3
    assert counts["indicators"] == 7
    for hit in hits:
        assert hit.source.key in {"news", "publications", "goals", "tasks", "sdg", "indicators"}


def test_the_sdg_plan_is_searched(seed_content):
    _, hits = search.run("기초생활보장 수급자율")
    assert hits[0].source.key == "indicators"
    assert str(hits[0].title) == "기초생활보장 수급자율"
    _, hits = search.run("빈곤종식")
    assert hits[0].url == "/ko/sdg/goals/1-1/"


def test_nominations_are_never_found(seed_content):
    nomination = NominationFactory(company="비밀철도주식회사", city="울란바토르시크릿")
    TraineeFactory(nomination=nomination, name="Zyxwvut Secretname")
    for query in ("비밀철도주식회사", "울란바토르시크릿", "Zyxwvut", "Secretname"):
        counts, hits = search.run(query)
        assert sum(counts.values()) == 0, query
        assert hits == []


def test_results_page_counts_filters_and_escapes(client, seed_content):
    NewsItemFactory(
        title="<script>alert('x')</script> 보안점검 안내",
        summary="보안점검 <b>공지</b> & 일정",
        body="<p>정보보안 점검</p>",
    )
    response = client.get("/ko/search/", {"q": "보안점검"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; 보안점검 안내" in html
    assert "<mark>보안점검</mark> 공지 &amp; 일정" in html
    assert '<p class="result-count" role="status">1건</p>' in html

    response = client.get("/en/search/", {"q": "연수", "type": "training"})
    html = response.content.decode()
    assert '<p class="result-count" role="status">2 results</p>' in html
    assert '<span aria-current="true">Invited training (2)</span>' in html
    assert 'href="?q=%EC%97%B0%EC%88%98&amp;type=news">News (2)</a>' in html
    assert html.count('<p class="card__title">') == 2


def test_no_results_suggests_the_words_of_a_close_title(client, seed_content):
    html = client.get("/en/search/", {"q": "sharng city"}).content.decode()
    assert '<p class="result-count" role="status">0 results</p>' in html
    assert 'Did you mean <a href="?q=Sharing%20City">Sharing City</a>?' in html
    found = client.get("/en/search/", {"q": "Sharing City"}).content.decode()
    assert "The Sharing City Seoul Project</a>" in found

    html = client.get("/ko/search/", {"q": "초청연슈"}).content.decode()
    assert '<a href="?q=%EC%B4%88%EC%B2%AD%EC%97%B0%EC%88%98">초청연수</a>' in html
    # Nothing close: no suggestion.
    html = client.get("/ko/search/", {"q": "qqqxxz"}).content.decode()
    assert "이것을 찾으셨나요" not in html


def test_empty_query_shows_sections_and_topics(client, seed_content):
    html = client.get("/ko/search/").content.decode()
    assert "주요 주제" in html
    assert re.search(r'href="/ko/publications/\?sector=[\w-]+"', html)
    assert 'href="/ko/sdg/goals/1-1/"' in html


def test_query_count_does_not_grow_with_rows(client, seed_content):
    NewsItemFactory(title="정책검색시험 1")
    client.get("/ko/search/", {"q": "정책검색시험"})  # the footer's partner list is cached now
    with CaptureQueriesContext(connection) as one:
        client.get("/ko/search/", {"q": "정책검색시험"})
    NewsItemFactory.create_batch(29, title="정책검색시험 더")
    with CaptureQueriesContext(connection) as thirty:
        response = client.get("/ko/search/", {"q": "정책검색시험"})
    assert '<p class="result-count" role="status">30건</p>' in response.content.decode()
    assert len(thirty) == len(one)


def test_control_characters_in_the_query_are_spaces_not_an_error(client, seed_content):
    """A NUL cannot reach PostgreSQL (it refuses it in any string): never a 500."""
    response = client.get("/ko/search/", {"q": "초청\x00연수\x07"})
    assert response.status_code == 200
    assert response.context["query"] == "초청 연수"
    assert response.context["result_count"] == 4  # as for "초청 연수": two calls, two news items
    for path in ("/ko/news/", "/ko/publications/", "/en/search/"):
        assert client.get(path, {"q": "a\x00b", "page": "\x00"}).status_code == 200, path


# Letters and digits, two or more; a decimal number is one word (97.5%, 10.28(화)).
WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]{2,}")
# Addresses are not words of the text: an e-mail's local part, a URL's path or a host name
# (data.seoul.go.kr) is no search term.
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\b[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+\.?")


def words(text):
    """The words of a text as a reader sees them: without HTML tags, entities as characters."""
    return set(WORD.findall(ADDRESS.sub(" ", html.unescape(re.sub(TAG, " ", text)))))


def own_text(source, obj):
    """The item's title and searched fields (not those of related rows, e.g. a task's goal), in
    Korean and in English (the archive's English titles and summaries, the SDG plan's English
    names)."""
    names = [source.title_field] + [name for name in source.fields if "__" not in name]
    names = language_columns(type(obj), names)
    return " ".join(str(getattr(obj, name, None) or "") for name in names)


def english_stopwords(candidates):
    """Words the `english` configuration drops (the, of, …): no one searches for those alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) AS w WHERE to_tsvector('english', w) = ''",
            [sorted(candidates)],
        )
        return {row[0] for row in cursor.fetchall()}


def test_every_seeded_item_is_found_by_each_of_its_distinctive_words(seed_content):
    """The issue's "done when": a person finds any seeded item by any distinctive word of its
    title or body, in Korean or English. Every public row of every searched section: each word
    that appears in that item's own text (title and searched fields) and in no other item's is
    searched for with the site search's matching, and the item must be among the matches."""
    items = [
        (source, obj, words(own_text(source, obj)))
        for source in search.sources()
        for obj in source.base_queryset()
    ]
    frequency = Counter(word.lower() for _, _, item_words in items for word in item_words)
    distinctive = {w for _, _, ws in items for w in ws if frequency[w.lower()] == 1}
    distinctive -= english_stopwords({w for w in distinctive if w.isascii()})
    assert {source.key for source, _, ws in items if ws & distinctive} == set(
        search.sources_by_key()
    )

    searched, missing = 0, []
    for source, obj, item_words in items:
        for word in sorted(item_words & distinctive):
            searched += 1
            if not source.filtered(word).filter(pk=obj.pk).exists():
                missing.append((source.key, str(obj)[:40], word))
    assert searched > 4000
    assert missing == [], "\n".join(map(repr, missing))
