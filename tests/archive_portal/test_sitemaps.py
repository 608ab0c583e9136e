"""sitemap.xml (issue #6): the index and its sections, every public page in both languages with
its alternates, last changes, and robots.txt and the lists' RSS links that lead to them."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive_portal import pagecache
from archive_portal.lib.timezone import SEOUL
from archive_portal.sitemaps import sitemaps
from news.models import NewsItem
from news.models import Status as NewsStatus
from news.sitemaps import NewsSitemap
from publications.models import Publication
from publications.models import Status as PublicationStatus
from publications.sitemaps import PublicationSitemap
from sdg_plan.models import Department, Goal, Indicator, Project
from tests.archive_portal.test_page_cache import in_another_process, later
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory
from tests.sitemaps import sitemap_documents, sitemap_entries
from tests.training.factories import NominationFactory, ProgrammeFactory
from training.models import Programme

pytestmark = pytest.mark.django_db


def test_the_index_names_one_sitemap_per_section_and_its_further_pages(client, monkeypatch):
    monkeypatch.setattr(NewsSitemap, "limit", 4)  # 2 items a page, in both languages
    for day in (1, 2, 3):
        item = NewsItemFactory(published_at=datetime.datetime(2025, 3, day, 9, tzinfo=SEOUL))
        NewsItem.objects.filter(pk=item.pk).update(
            updated_at=datetime.datetime(2025, 3, day, 12, tzinfo=SEOUL)
        )

    documents = sitemap_documents(client)

    expected = []
    for section in sitemaps():
        expected.append(f"http://testserver/sitemap-{section}.xml")
        if section == "news":
            expected.append("http://testserver/sitemap-news.xml?p=2")
    assert [url for url, _text in documents[1:]] == expected
    index = documents[0][1]
    assert (
        "<loc>http://testserver/sitemap-news.xml?p=2</loc>"
        "<lastmod>2025-03-03T12:00:00+09:00</lastmod>" in re.sub(r"\s+", "", index)
    )
    first, second = (text for url, text in documents if "sitemap-news" in url)
    assert first.count("<url>") == 4 and second.count("<url>") == 2
    assert "/ko/news/news-" in second and "/en/news/news-" in second
    assert client.get("/sitemap-news.xml?p=3").status_code == 404
    assert client.get("/sitemap-nominations.xml").status_code == 404


def test_a_sitemap_page_reads_only_its_own_rows(client, django_assert_num_queries):
    NewsItemFactory.create_batch(3)
    with django_assert_num_queries(2):  # COUNT, then the page's rows
        response = client.get("/sitemap-news.xml")
    assert response.content.decode().count("<url>") == 6
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    # In the page cache like every public page (archive_portal/pagecache.py).
    cache_control = client.get("/sitemap-news.xml")["Cache-Control"]
    assert cache_control == "public, max-age=2, stale-while-revalidate=30"


def test_every_sitemap_page_lists_its_own_items_in_order(client, monkeypatch):
    """Pages past the middle are read from the end (archive_portal.lib.pagination): every
    item once, in primary-key order, drafts left out."""
    monkeypatch.setattr(NewsSitemap, "limit", 4)  # 2 items a page, in both languages
    items = NewsItemFactory.create_batch(7)
    NewsItemFactory(status=NewsStatus.DRAFT)
    listed = []
    for page in (1, 2, 3, 4):
        text = client.get("/sitemap-news.xml", {"p": page}).content.decode()
        listed += re.findall(r"<loc>http://testserver/ko/news/([^/]+)/</loc>", text)
    assert listed == [item.slug for item in items]


def test_every_seeded_public_page_is_listed_in_both_languages_with_its_alternates(client):
    call_command("load_seed_content", verbosity=0)
    draft = NewsItemFactory(slug="draft-news", status=NewsStatus.DRAFT)
    scheduled = NewsItemFactory(
        slug="scheduled-news", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    hidden = PublicationFactory(slug="draft-publication", status=PublicationStatus.DRAFT)
    unpublished = ProgrammeFactory(slug="unpublished-call", is_published=False)
    nomination = NominationFactory(programme=Programme.objects.published().first())

    paths = [
        reverse(name)
        for name in (
            "home",
            "about",
            "privacy",
            "accessibility",
            "terms",
            "contact",
            "news:index",
            "publications:index",
            "publications:policy_cases",
            "training:index",
            "sdg_plan:index",
            "sdg_plan:indicator_list",
            "sdg_plan:department_list",
            "sdg_plan:open_data",
        )
    ]
    for queryset in (
        NewsItem.objects.published(),
        Publication.objects.published(),
        Programme.objects.published(),
        Goal.objects.all(),
        Project.objects.all(),
        Indicator.objects.all(),
        Department.objects.all(),
    ):
        objects = list(queryset)
        assert objects, queryset.model  # the seed has some of each
        paths += [obj.get_absolute_url() for obj in objects]
    assert all(path.startswith("/ko/") for path in paths)

    entries = sitemap_entries(client)

    expected = {}
    for path in paths:
        alternates = {
            "ko": f"http://testserver{path}",
            "en": f"http://testserver/en/{path[4:]}",
            "x-default": f"http://testserver/{path[4:]}",
        }
        expected[alternates["ko"]] = alternates
        expected[alternates["en"]] = alternates
    assert len(entries) == len(expected)  # no page twice, nothing else
    assert {entry.loc: entry.alternates for entry in entries} == expected
    # x-default is the address without a language: it sends the visitor to their language.
    news = NewsItem.objects.published().first().get_absolute_url()
    response = client.get(news[3:], headers={"accept-language": "en"})
    assert (response.status_code, response["Location"]) == (302, f"/en/{news[4:]}")
    for private in (draft, scheduled, hidden, unpublished):
        assert not [e.loc for e in entries if f"/{private.slug}/" in e.loc]
    for _url, text in sitemap_documents(client):
        assert "nomination" not in text
        assert nomination.reference not in text and nomination.company not in text


def test_lastmod_is_the_last_change_or_a_later_publication(client):
    edited = NewsItemFactory(
        slug="edited", published_at=datetime.datetime(2025, 1, 5, 9, tzinfo=SEOUL)
    )
    scheduled_then_public = NewsItemFactory(
        slug="appeared-later", published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    NewsItem.objects.filter(pk__in=[edited.pk, scheduled_then_public.pk]).update(
        updated_at=datetime.datetime(2025, 2, 10, 23, 30, tzinfo=SEOUL)
    )
    report = PublicationFactory(slug="dated", published_on=datetime.date(2020, 6, 1))
    Publication.objects.filter(pk=report.pk).update(
        updated_at=datetime.datetime(2024, 7, 8, 10, tzinfo=SEOUL)
    )
    programme = ProgrammeFactory(slug="call")
    Programme.objects.filter(pk=programme.pk).update(
        updated_at=datetime.datetime(2025, 9, 1, 8, tzinfo=SEOUL)
    )

    lastmod = {entry.loc: entry.lastmod for entry in sitemap_entries(client)}

    assert lastmod["http://testserver/ko/news/edited/"] == "2025-02-10"
    assert lastmod["http://testserver/en/news/edited/"] == "2025-02-10"
    assert lastmod["http://testserver/ko/news/appeared-later/"] == timezone.localdate().isoformat()
    assert lastmod["http://testserver/ko/publications/dated/"] == "2024-07-08"
    assert lastmod["http://testserver/en/training/call/"] == "2025-09-01"
    assert lastmod["http://testserver/ko/"] is None  # the landing pages have no date


def test_an_item_without_an_english_title_has_no_english_alternate(client):
    """Listed in both languages (the English interface shows the Korean text), but its /en/
    address is not given as an English version of it."""
    NewsItemFactory(slug="both", title_ko="둘 다", title_en="Both")
    NewsItemFactory(slug="korean-only", title_ko="한국어만", title_en="")
    entries = {entry.loc: entry.alternates for entry in sitemap_entries(client)}
    both = "http://testserver/ko/news/both/"
    assert (
        entries[both]
        == entries["http://testserver/en/news/both/"]
        == {
            "ko": both,
            "en": "http://testserver/en/news/both/",
            "x-default": "http://testserver/news/both/",
        }
    )
    korean = "http://testserver/ko/news/korean-only/"
    assert (
        entries[korean]
        == entries["http://testserver/en/news/korean-only/"]
        == {
            "ko": korean,
            "x-default": "http://testserver/news/korean-only/",
        }
    )


def test_robots_txt_names_the_index(client):
    body = client.get("/robots.txt").content.decode()
    assert body.splitlines()[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_the_lists_link_their_rss_feeds(client):
    for path, feed in [
        ("/ko/news/", "/ko/news/feed/"),
        ("/en/publications/", "/en/publications/feed/"),
        ("/ko/publications/policy-cases/", "/ko/publications/feed/"),
    ]:
        html = client.get(path).content.decode()
        assert re.search(
            rf'<link rel="alternate" type="application/rss\+xml" [^>]*href="{feed}"', html
        )


def test_the_index_dates_a_section_by_its_latest_change_or_publication():
    """The index's date of a section is the latest of its items' edits and publications (the
    greatest of two index probes, equal to the latest of each item's greater date); an item
    still scheduled counts for nothing."""
    edited_early = NewsItemFactory(published_at=datetime.datetime(2025, 3, 1, 9, tzinfo=SEOUL))
    NewsItemFactory(published_at=datetime.datetime(2025, 3, 2, 9, tzinfo=SEOUL))
    scheduled = NewsItemFactory(published_at=timezone.now() + datetime.timedelta(days=3))
    NewsItem.objects.filter(pk__in=[edited_early.pk, scheduled.pk]).update(
        updated_at=datetime.datetime(2025, 3, 5, 12, tzinfo=SEOUL)
    )
    NewsItem.objects.exclude(pk__in=[edited_early.pk, scheduled.pk]).update(
        updated_at=datetime.datetime(2025, 3, 2, 10, tzinfo=SEOUL)
    )
    assert NewsSitemap().get_latest_lastmod() == datetime.datetime(2025, 3, 5, 12, tzinfo=SEOUL)
    NewsItem.objects.filter(pk=edited_early.pk).update(
        updated_at=datetime.datetime(2025, 3, 1, 10, tzinfo=SEOUL)
    )
    assert NewsSitemap().get_latest_lastmod() == datetime.datetime(2025, 3, 2, 10, tzinfo=SEOUL)

    report = PublicationFactory(published_on=datetime.date(2025, 4, 1))
    Publication.objects.filter(pk=report.pk).update(
        updated_at=datetime.datetime(2025, 3, 31, 8, tzinfo=SEOUL)
    )
    # A date counts from midnight (UTC, as PostgreSQL casts it for the items' own lastmod).
    assert PublicationSitemap().get_latest_lastmod() == datetime.datetime(
        2025, 4, 1, tzinfo=datetime.UTC
    )


# --- With cached fragments (the page cache off): built once, changed on the next request ------


@pytest.fixture
def fragments_on(fragments_on, monkeypatch):  # tests/conftest.py's, and:
    monkeypatch.setattr(NewsSitemap, "limit", 4)  # 2 items a page, in both languages


def read(client, url):
    """The XML and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert (url, response.status_code) == (url, 200)
    return response.content.decode(), len(queries)


def news_pages(index):
    """The news sitemap's pages the index names, and the news section's date."""
    pages = re.findall(r"<loc>http://testserver/sitemap-news\.xml(?:\?p=(\d+))?</loc>", index)
    dates = set(re.findall(r"sitemap-news\.xml(?:\?p=\d+)?</loc><lastmod>([^<]+)<", index))
    return [int(page or 1) for page in pages], dates


def slugs(text):
    return re.findall(r"<loc>http://testserver/ko/news/([^/]+)/</loc>", text)


def test_the_index_and_a_sitemap_page_are_served_from_fragments(client, fragments_on):
    NewsItemFactory.create_batch(3)
    pagecache.current()  # this process has read the content generation
    index, cold = read(client, "/sitemap.xml")
    again, warm = read(client, "/sitemap.xml")
    # Cold: each section's rows and latest change (news, publications, training: COUNT and
    # MAX; the four SDG sitemaps: COUNT; the landing pages: none). Warm: none.
    assert (cold, warm) == (10, 0)
    assert again == index
    assert news_pages(index)[0] == [1, 2]
    page, cold = read(client, "/sitemap-news.xml?p=2")
    again, warm = read(client, "/sitemap-news.xml?p=2")
    assert (cold, warm) == (2, 1)  # the section's rows (a fragment), then the page's own rows
    assert again == page
    assert len(slugs(page)) == 1


def test_a_later_page_starts_from_its_cached_first_key(
    client, settings, fragments_on, django_capture_on_commit_callbacks
):
    """Past the first page, a page's first primary key is a cached fragment: the warm page is
    one range of the primary key's index, the same items, and an edit before it shifts it."""
    with django_capture_on_commit_callbacks(execute=True):
        items = NewsItemFactory.create_batch(7)
        NewsItemFactory(status=NewsStatus.DRAFT)
    expected = [item.slug for item in items]

    def walk(pages=4):
        listed, queries = [], []
        for page in range(1, pages + 1):
            text, count = read(client, f"/sitemap-news.xml?p={page}")
            listed += slugs(text)
            queries.append(count)
        return listed, queries

    pagecache.current()
    assert walk() == (expected, [2, 1, 1, 1])  # cold: the rows' count, then each page's rows
    assert walk() == (expected, [1, 1, 1, 1])  # warm: each page's rows, from its first key
    kept = {key.split(":")[6] for key in caches["default"]._cache if ":fragment:" in key}
    assert kept == {"sitemap-rows", "sitemap-page-start"}

    with django_capture_on_commit_callbacks(execute=True):
        items[0].delete()
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    listed, _ = walk(pages=3)
    assert listed == expected[1:]
    assert client.get("/sitemap-news.xml?p=4").status_code == 404


def make_dated(slug, day):
    item = NewsItemFactory(slug=slug, published_at=datetime.datetime(2025, 3, day, 9, tzinfo=SEOUL))
    NewsItem.objects.filter(pk=item.pk).update(
        updated_at=datetime.datetime(2025, 3, day, 12, tzinfo=SEOUL)
    )
    item.refresh_from_db()
    return item


def publish_new(items, monkeypatch):
    NewsItemFactory(slug="new-item")


def change_slug(items, monkeypatch):
    items[0].slug = "renamed-item"
    items[0].save()


def unpublish(items, monkeypatch):
    items[1].status = NewsStatus.DRAFT
    items[1].save()


def delete(items, monkeypatch):
    items[1].delete()


def reach_scheduled_time(items, monkeypatch):
    later(monkeypatch, items[2].published_at + datetime.timedelta(seconds=1))


TODAY = "today"
SITEMAP_CHANGES = {
    # change: (its edit, the news pages named, the slugs listed, the news section's date)
    "a new item": (publish_new, [1, 2], ["first", "second", "new-item"], TODAY),
    "a changed item": (change_slug, [1], ["renamed-item", "second"], TODAY),
    "an unpublished item": (unpublish, [1], ["first"], "2025-03-01T12:00:00+09:00"),
    "a deleted item": (delete, [1], ["first"], "2025-03-01T12:00:00+09:00"),
    "a scheduled item at its time": (reach_scheduled_time, [1, 2], ["first", "second", "later"], 0),
}


@pytest.mark.parametrize("change", SITEMAP_CHANGES)
def test_a_change_shows_in_the_sitemap_on_the_next_request(
    client, settings, fragments_on, django_capture_on_commit_callbacks, monkeypatch, change
):
    """What the fragments keep (each section's rows and date) follows every change in every
    process within the check interval, and a scheduled item at its time without any edit."""
    edit, pages, listed, date = SITEMAP_CHANGES[change]
    when = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):  # committed: the generation moves
        items = [make_dated("first", 1), make_dated("second", 2)]
        items.append(NewsItemFactory(slug="later", published_at=when))
    index, _ = read(client, "/sitemap.xml")
    assert news_pages(index) == ([1], {"2025-03-02T12:00:00+09:00"})
    assert slugs(read(client, "/sitemap-news.xml")[0]) == ["first", "second"]

    with django_capture_on_commit_callbacks(execute=True):
        edit(items, monkeypatch)
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)

    index, _ = read(client, "/sitemap.xml")
    shown = []
    for page in news_pages(index)[0]:
        shown += slugs(read(client, f"/sitemap-news.xml?p={page}")[0])
    if date == TODAY:
        date = timezone.localtime().replace(microsecond=0)
        (dated,) = news_pages(index)[1]
        assert abs(datetime.datetime.fromisoformat(dated) - date) < datetime.timedelta(minutes=1)
    elif date == 0:  # the scheduled item's publication time
        date = timezone.localtime(when).isoformat()
        assert news_pages(index)[1] == {date}
    else:
        assert news_pages(index)[1] == {date}
    assert (news_pages(index)[0], shown) == (pages, listed)
