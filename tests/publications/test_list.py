from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publications.models import Kind, Publication, Sector, Status
from tests.publications.factories import AttachmentFactory, PublicationFactory

pytestmark = pytest.mark.django_db

URL = "/ko/publications/"


def facet(response, name):
    """{value: (count, checked)} of one facet as the page shows it (the facets are built only
    when the cached fragment showing them is: a fragments.Lazy)."""
    for item in response.context["facets"]():
        if item["name"] == name:
            return {o["value"]: (o["count"], o["checked"]) for o in item["options"]}
    raise KeyError(name)


def titles(response):
    """The titles of the page's items (the page holds their ids: the cards are fragments)."""
    ids = response.context["page"].object_list
    rows = Publication.objects.in_bulk(ids)
    return [rows[pk].title for pk in ids]


@pytest.fixture
def archive():
    """Five published items and one draft, across kinds, sectors, years and languages."""
    return [
        PublicationFactory(
            title="교통 연구 2023", kind=Kind.RESEARCH_REPORT, sectors=["transportation"],
            published_on=date(2023, 4, 1),
        ),
        PublicationFactory(
            title="Bus Reform Case", kind=Kind.POLICY_CASE, sectors=["transportation", "urban-planning"],
            published_on=date(2024, 2, 1), language="en",
        ),
        PublicationFactory(
            title="하천 복원 사례", kind=Kind.POLICY_CASE, sectors=["environment", "water"],
            published_on=date(2024, 6, 1),
        ),
        PublicationFactory(
            title="환경 영상", kind=Kind.VIDEO, sectors=["environment"], published_on=date(2024, 9, 9),
        ),
        PublicationFactory(title="Undated policy", kind=Kind.POLICY_CASE, published_on=None, language="en"),
        PublicationFactory(title="초안", kind=Kind.POLICY_CASE, status=Status.DRAFT, sectors=["environment"]),
    ]  # fmt: skip


def test_facets_count_every_value_without_filters(client, archive):
    response = client.get(URL)
    assert response.context["page"].paginator.count == 5
    assert facet(response, "kind") == {
        "publication": (0, False),
        "research_report": (1, False),
        "video": (1, False),
        "ebook": (0, False),
        "brochure": (0, False),
        "policy_case": (3, False),
    }
    sectors = facet(response, "sector")
    assert sectors["transportation"] == (2, False)
    assert sectors["environment"] == (2, False)  # the draft is not counted
    assert sectors["water"] == (1, False)
    assert sectors["urban-planning"] == (1, False)
    assert sectors["welfare"] == (0, False)
    assert facet(response, "year") == {"2024": (3, False), "2023": (1, False)}
    assert facet(response, "language") == {"ko": (3, False), "en": (2, False)}
    content = response.content.decode()
    assert content.count('<span class="facet__count">(3)</span>') == 3  # policy case, 2024, ko


def test_a_facet_counts_its_values_under_the_other_facets_choices(client, archive):
    response = client.get(URL, {"kind": "policy_case"})
    assert titles(response) == ["하천 복원 사례", "Bus Reform Case", "Undated policy"]
    # The kind facet still shows what each kind would give with the other filters (none).
    assert facet(response, "kind")["policy_case"] == (3, True)
    assert facet(response, "kind")["video"] == (1, False)
    # The other facets count within policy cases.
    sectors = facet(response, "sector")
    assert sectors["transportation"] == (1, False)
    assert sectors["environment"] == (1, False)
    assert sectors["urban-planning"] == (1, False)
    assert facet(response, "year") == {"2024": (2, False)}
    assert facet(response, "language") == {"ko": (1, False), "en": (2, False)}


def test_values_within_a_facet_are_alternatives_and_facets_combine(client, archive):
    response = client.get(URL, {"sector": ["environment", "transportation"], "year": "2024"})
    assert titles(response) == ["환경 영상", "하천 복원 사례", "Bus Reform Case"]
    assert facet(response, "sector")["environment"] == (2, True)
    assert facet(response, "sector")["transportation"] == (1, True)
    assert facet(response, "year") == {"2024": (3, True), "2023": (1, False)}
    assert response.context["page"].paginator.count == 3
    assert '<p class="result-count" id="result-count">3건</p>' in response.content.decode()


def test_three_single_valued_facets_chosen_together(client, archive):
    response = client.get(URL, {"kind": "policy_case", "language": "en", "year": "2024"})
    assert titles(response) == ["Bus Reform Case"]
    assert response.context["page"].paginator.count == 1
    assert facet(response, "kind")["policy_case"] == (1, True)
    assert facet(response, "kind")["video"] == (0, False)
    assert facet(response, "language") == {"ko": (1, False), "en": (1, True)}
    assert facet(response, "year") == {"2024": (1, True)}
    sectors = facet(response, "sector")
    assert sectors["transportation"] == (1, False)
    assert sectors["urban-planning"] == (1, False)
    assert sectors["environment"] == (0, False)


def test_korean_keywords_match_inside_words(client, archive):
    response = client.get(URL, {"q": "복원"})
    assert titles(response) == ["하천 복원 사례"]
    assert facet(response, "kind")["policy_case"] == (1, False)


def test_english_keywords_match_case_insensitively_and_every_word_must_match(client, archive):
    assert titles(client.get(URL, {"q": "bus REFORM"})) == ["Bus Reform Case"]
    assert titles(client.get(URL, {"q": "bus 하천"})) == []


def test_english_words_are_stemmed_and_attachment_titles_are_searched(client, archive):
    assert titles(client.get(URL, {"q": "reforms"})) == ["Bus Reform Case"]
    AttachmentFactory(publication=archive[3], title="촬영 대본 부록")
    AttachmentFactory(publication=archive[3], title="촬영 대본 원본")
    response = client.get(URL, {"q": "대본"})
    assert titles(response) == ["환경 영상"]
    # Two matching attachments do not count the item twice.
    assert facet(response, "kind")["video"] == (1, False)


def test_sort_by_most_downloaded(client, archive):
    archive[0].download_count = 7
    archive[0].save()
    archive[2].download_count = 3
    archive[2].save()
    response = client.get(URL, {"sort": "downloads"})
    assert titles(response)[:3] == ["교통 연구 2023", "하천 복원 사례", "환경 영상"]


def test_newest_first_with_undated_items_last(client, archive):
    assert titles(client.get(URL)) == [
        "환경 영상", "하천 복원 사례", "Bus Reform Case", "교통 연구 2023", "Undated policy",
    ]  # fmt: skip


def test_invalid_filter_values_are_ignored_not_an_error(client, archive):
    response = client.get(URL, {"kind": "nonsense", "year": "abcd", "sort": "x", "page": "99"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 5


def test_pagination_keeps_the_filters(client):
    for number in range(23):
        PublicationFactory(title=f"정책 {number:02d}", kind=Kind.POLICY_CASE)
    response = client.get(URL, {"kind": "policy_case"})
    assert len(response.context["page"].object_list) == 20
    assert (
        '<a href="?kind=policy_case&amp;page=2" rel="next">다음 페이지</a>'
        in response.content.decode()
    )
    second = client.get(URL, {"kind": "policy_case", "page": 2})
    assert len(second.context["page"].object_list) == 3


def test_the_policy_cases_page_is_fixed_to_policy_cases(client, archive):
    response = client.get(reverse("publications:policy_cases"))
    assert response.request["PATH_INFO"] == "/ko/publications/policy-cases/"
    assert titles(response) == ["하천 복원 사례", "Bus Reform Case", "Undated policy"]
    assert [f["name"] for f in response.context["facets"]()] == ["sector", "year", "language"]
    assert "<h1>정책사례</h1>" in response.content.decode()


def test_the_main_navigation_link_to_policy_cases_still_works(client, archive):
    response = client.get(URL + "?kind=policy_case")
    assert len(titles(response)) == 3


def test_the_list_links_its_feed(client):
    content = client.get(URL).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert 'href="/ko/publications/feed/"' in content


def test_english_list(client, archive):
    response = client.get("/en/publications/")
    content = response.content.decode()
    assert "<h1>Publications & research</h1>" in content
    assert '<p class="result-count" id="result-count">5 results</p>' in content


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_makes_the_same_number_of_queries_whatever_the_rows(
    client, django_assert_num_queries, count
):
    for number in range(count):
        PublicationFactory(
            sectors=["environment", "water"],
            kind=Kind.POLICY_CASE,
            published_on=date(2020 + number % 5, 1, 1),
        )
    client.get(URL)  # warm the cached footer partners
    # the sectors; the SDG goals; the attachments whose titles hold the keyword; the facet counts (kind ×
    # language × year, which give the total too, and sectors: one query); the page's ids; a
    # savepoint and the planner settings around the last three (archive_portal.lib.planner):
    # four more; the cards' rows (their sectors from the sectors read first)
    with django_assert_num_queries(10):
        response = client.get(URL, {"sector": "environment", "q": "정책"})
    assert len(response.context["page"].object_list) == min(count, 20)


@pytest.mark.parametrize("sort", ["newest", "downloads"])
def test_very_many_keyword_matches_list_the_same_page(client, monkeypatch, sort):
    """With more keyword matches than COUNT_CAP (lowered here) the newest are found by walking
    the date index, not through the search index: the page and its query count are the same."""
    downloads = [3, 5, 0, 4, 1, 2]
    for number in range(6):
        PublicationFactory(
            title=f"많은결과 {number}",
            published_on=date(2020 + number, 1, 1),
            download_count=downloads[number],
        )
    expected = {
        "newest": [
            "많은결과 5",
            "많은결과 4",
            "많은결과 3",
            "많은결과 2",
            "많은결과 1",
            "많은결과 0",
        ],
        "downloads": [
            "많은결과 1",
            "많은결과 3",
            "많은결과 0",
            "많은결과 5",
            "많은결과 4",
            "많은결과 2",
        ],
    }[sort]
    params = {"q": "많은결과", "sort": sort}
    client.get(URL)  # warm the cached footer partners
    with CaptureQueriesContext(connection) as below_the_cap:
        response = client.get(URL, params)
    assert titles(response) == expected
    monkeypatch.setattr("publications.views.COUNT_CAP", 3)
    with CaptureQueriesContext(connection) as beyond_the_cap:
        response = client.get(URL, params)
    assert titles(response) == expected
    assert len(beyond_the_cap) == len(below_the_cap)


def test_facet_counts_without_keywords_are_cached_until_the_content_changes(
    client, settings, django_capture_on_commit_callbacks, archive
):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the counts are a cached value (fragments.py)

    def get(params=None):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, params or {})
        counted = any("WITH matches AS MATERIALIZED" in q["sql"] for q in queries)
        return response, len(queries), counted

    response, _, counted = get()
    assert (response.context["filterset"].total, counted) == (5, True)
    response, queries, counted = get()
    assert (response.context["filterset"].total, queries, counted) == (5, 0, False)  # all kept

    # A new item, a sector added to an item: counted at once.
    # (Each edit's transaction commits: the content generation advances then.)
    with django_capture_on_commit_callbacks(execute=True):
        new = PublicationFactory(title="새 발간물", kind=Kind.RESEARCH_REPORT, sectors=["water"])
    response, _, counted = get()
    assert (response.context["filterset"].total, counted) == (6, True)
    assert facet(response, "kind")["research_report"] == (2, False)
    with django_capture_on_commit_callbacks(execute=True):
        new.sectors.add(Sector.objects.get(slug="environment"))
    response, _, counted = get()
    assert counted
    assert facet(response, "sector")["environment"][0] == 3  # two before

    # Keyword searches are always counted afresh.
    assert [get({"q": "발간물"})[2] for _ in range(2)] == [True, True]
    assert facet(get({"q": "발간물"})[0], "kind")["research_report"] == (1, False)


def test_the_keywords_are_marked_in_the_cards(client, archive):
    text = client.get(URL, {"q": "복원"}).content.decode()
    assert "하천 <mark>복원</mark> 사례</a>" in text
    assert "<mark>" not in client.get(URL).content.decode()


def test_a_policy_case_without_a_publication_date_shows_its_data_base_date(client):
    PublicationFactory(
        slug="sharing", kind=Kind.POLICY_CASE, published_on=None, data_base_date=date(2017, 2, 8)
    )
    PublicationFactory(slug="undated", kind=Kind.POLICY_CASE, published_on=None)
    html = client.get("/en/publications/policy-cases/").content.decode()
    assert html.count('Data base date <time datetime="2017-02-08">8 February 2017</time>') == 1
    assert html.count("<li>Undated</li>") == 1
    detail = client.get("/ko/publications/sharing/").content.decode()
    assert '<li>데이터 기준일 <time datetime="2017-02-08">2017-02-08</time></li>' in detail


def test_a_facet_without_values_is_left_out_not_shown_as_none(client):
    PublicationFactory(kind=Kind.POLICY_CASE, published_on=None)
    response = client.get("/ko/publications/policy-cases/")
    assert facet(response, "year") == {}
    html = response.content.decode()
    assert "<legend>연도</legend>" not in html
    assert "없음" not in html
    assert "<legend>언어</legend>" in html


def test_most_downloaded_is_offered_only_once_something_was_downloaded(client):
    publication = PublicationFactory(slug="report")
    PublicationFactory.create_batch(2)
    html = client.get("/en/publications/").content.decode()
    assert "Most downloaded" not in html
    assert 'name="sort"' not in html

    attachment = AttachmentFactory(publication=publication)
    client.get(attachment.get_absolute_url())
    html = client.get("/en/publications/").content.decode()
    assert html.count('<option value="downloads">Most downloaded</option>') == 1
    # Not where no result has been downloaded.
    assert "Most downloaded" not in client.get("/en/publications/?kind=video").content.decode()
