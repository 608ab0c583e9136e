"""Every public page type in a fixed, small number of queries (issue 13: at most 10, the same
at seed volume and with more rows), rendered with the page cache off: once with every cached
fragment cold (the first request after an edit), once warm (the fragments shared by many
requests: SDG tables, home blocks, footer, search topics)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive_portal import fragments, pagecache
from archive_portal.models import Partner
from news.models import NewsItem
from publications.models import Kind, Publication
from sdg_plan.models import Actual, Department, Goal, Indicator
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory
from tests.training.factories import ProgrammeFactory
from training.models import Programme

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def pages():
    """(label, URL) of each page type `make bench` measures, from the rows in the database."""
    news = NewsItem.objects.published()
    item = news.order_by("-published_at").first()
    publication = Publication.objects.published().order_by("-published_on").first()
    programme = Programme.objects.published().order_by("-application_deadline").first()
    last_page = max(1, -(-news.count() // 10))
    return [
        ("home ko", "/ko/"),
        ("home en", "/en/"),
        ("news list", "/ko/news/"),
        ("news last page", f"/ko/news/?page={last_page}"),
        ("news item", item.get_absolute_url()),
        ("publications two facets", f"/ko/publications/?kind={Kind.RESEARCH_REPORT}&language=ko"),
        ("publication", publication.get_absolute_url()),
        ("policy cases", "/ko/publications/policy-cases/"),
        ("training index", "/ko/training/"),
        ("training call", programme.get_absolute_url()),
        ("sdg overview", "/ko/sdg/"),
        ("sdg indicators", "/en/sdg/indicators/"),
        ("sdg indicator", Indicator.objects.order_by("number").first().get_absolute_url()),
        ("sdg department", Department.objects.order_by("pk").first().get_absolute_url()),
        ("search", "/ko/search/?q=서울"),
        ("feed", "/ko/news/feed/"),
        ("sitemap", "/sitemap.xml"),
        ("news sitemap", "/sitemap-news.xml"),
    ]


def queries_of(client, url):
    """The statements a request makes, as in production: a test runs in a transaction, so an
    atomic block there is a SAVEPOINT and its RELEASE, which outside one are no statements
    (autocommit off and on)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert (url, response.status_code) == (url, 200)
    savepoints = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    return sum(1 for query in queries if not query["sql"].startswith(savepoints))


def counts(client, settings):
    """{label: (cold, warm)} query counts of every page type."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    # The generation is read by the warm-up request only (not again a second later on a slow
    # machine): the counts are the pages' own.
    settings.PAGE_CACHE_CHECK_SECONDS = 3600
    result = {}
    for label, url in pages():
        fragments.reset()
        pagecache.reset()
        from django.core.cache import cache

        cache.clear()
        client.get(url)  # the process's generation read, the footer's partners, fragments
        warm = queries_of(client, url)
        cache.clear()
        fragments.reset()
        cold = queries_of(client, url)
        result[label] = (cold, warm)
    return result


def add_rows(start, stop):
    """More of everything the pages list: news, publications (of the kind the facets page
    shows: the seed has none), a call, SDG values, partners."""
    goal = Goal.objects.order_by("code").first()
    now = timezone.now()
    for number in range(start, stop):
        item = NewsItemFactory(
            title=f"서울 추가 소식 {number}", published_at=now - datetime.timedelta(hours=number)
        )
        item.goals.set([goal])
        publication = PublicationFactory(
            title=f"서울 추가 보고서 {number}",
            kind=Kind.RESEARCH_REPORT,
            published_on=datetime.date(2020, 1, 1),
        )
        publication.goals.set([goal])
    ProgrammeFactory(title=f"서울 추가 연수 {start}")
    indicator = Indicator.objects.order_by("number").first()
    for year in (2018 - start, 2019 - start):
        Actual.objects.get_or_create(
            indicator=indicator,
            year=year,
            defaults={"value": 1, "source": "통계", "reported_on": datetime.date(year + 1, 1, 1)},
        )
    for number in range(start, stop):
        Partner.objects.create(name_ko=f"추가 협력기관 {number}", name_en=f"Partner {number}")


def test_every_page_type_takes_few_queries_whatever_the_rows(client, settings, seed_content):
    add_rows(0, 1)
    at_seed = counts(client, settings)
    add_rows(1, 16)
    with_more = counts(client, settings)

    assert with_more == at_seed
    # (cold, warm). Cold: after an edit, the first request of each process also reads what the
    # fragments keep (the footer's partners, the search topics and its small sources' rows…).
    assert at_seed == {
        "home ko": (7, 0),
        "home en": (7, 0),
        "news list": (4, 0),
        "news last page": (4, 0),
        "news item": (9, 1),
        "publications two facets": (6, 0),
        "publication": (10, 1),
        "policy cases": (6, 0),
        "training index": (2, 0),
        "training call": (3, 0),
        "sdg overview": (5, 0),
        "sdg indicators": (7, 0),
        "sdg indicator": (4, 0),
        "sdg department": (6, 0),
        "search": (17, 0),
        "feed": (1, 0),
        "sitemap": (10, 0),  # each section's rows and latest change: one fragment
        "news sitemap": (2, 1),  # its rows (a fragment), then the page's rows
    }
    assert max(warm for _cold, warm in at_seed.values()) <= MAX_QUERIES
