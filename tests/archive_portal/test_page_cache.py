"""The whole-page cache (archive_portal/pagecache.py): what it serves, what it never keeps, the
headers it sends, and that every change of public content retires it in every process."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive_portal import pagecache
from archive_portal.lib.timezone import seoul_midnight
from archive_portal.models import Partner
from archive_portal.section import next_midnight
from archive_portal.seed import load_info_pages
from news.models import Status as NewsStatus
from news.views import views as news_views
from publications.models import Sector
from publications.models import Status as PublicationStatus
from sdg_plan.models import Actual, Goal
from tests.news.factories import NewsAttachmentFactory, NewsItemFactory
from tests.publications.factories import PublicationFactory
from tests.sdg_plan.conftest import make_plan  # noqa: F401 - a fixture
from tests.training.factories import NominationFactory, ProgrammeFactory, ScheduleItemFactory
from training.models import hash_token

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=2, stale-while-revalidate=30"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    pagecache.reset()


def get(client, url, **extra):
    """The response, and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def in_another_process(elapsed):
    """Be another worker: it did not make the change (so nothing told it), and it last read the
    content generation `elapsed` seconds ago."""
    pagecache._process.stale = False
    pagecache._process.checked_at -= elapsed


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


# --- What a visitor gets ----------------------------------------------------------------------


def test_a_second_request_is_served_from_the_cache_without_a_query(client):
    NewsItemFactory(title="버스 정책 소식")
    first, _ = get(client, "/ko/news/")
    second, queries = get(client, "/ko/news/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert "버스 정책 소식" in second.text
    assert second["Cache-Control"] == first["Cache-Control"] == PUBLIC
    assert second["ETag"] == first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', first["ETag"])
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Language"] == "ko"
    assert "Set-Cookie" not in second.headers
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_known_etag_gets_304_from_the_cache_and_at_the_first_render(client):
    first, _ = get(client, "/ko/publications/", HTTP_IF_NONE_MATCH='"something-else"')
    assert first.status_code == 200
    again, queries = get(client, "/ko/publications/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == PUBLIC
    assert queries == 0


def test_the_query_string_is_normalised_and_the_language_is_part_of_the_key(client):
    first, _ = get(client, "/ko/search/?q=서울&type=news")
    reordered, queries = get(client, "/ko/search/?type=news&q=서울")
    english, _ = get(client, "/en/search/?q=서울&type=news")

    assert reordered["X-Page-Cache"] == "hit"
    assert queries == 0
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert english.content != first.content


def test_each_page_type_is_cached(client, make_plan):  # noqa: F811 - the imported fixture
    (indicator,) = make_plan(1)
    load_info_pages()
    item = NewsItemFactory()
    publication = PublicationFactory(kind="policy_case")
    programme = ProgrammeFactory()
    urls = [
        "/ko/",
        "/en/",
        "/ko/news/",
        "/ko/news/feed/",
        item.get_absolute_url(),
        "/ko/publications/",
        "/ko/publications/feed/",
        "/ko/publications/policy-cases/",
        publication.get_absolute_url(),
        "/ko/training/",
        programme.get_absolute_url(),
        "/ko/sdg/",
        "/en/sdg/indicators/",
        indicator.get_absolute_url(),
        indicator.project.get_absolute_url(),
        "/ko/sdg/departments/",
        indicator.project.responsibilities.get().department.get_absolute_url(),
        "/ko/sdg/data/",
        "/ko/sdg/indicators.csv",
        "/ko/sdg/indicators.json",
        "/ko/search/?q=서울",
        "/ko/about/",
        "/en/privacy/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]
    for url in urls:
        first, _ = get(client, url)
        second, _ = get(client, url)
        assert (url, first.status_code, first["X-Page-Cache"]) == (url, 200, "miss")
        assert (url, second["X-Page-Cache"], second.content) == (url, "hit", first.content)
        assert (url, second["Cache-Control"]) == (url, PUBLIC)


def test_a_cached_news_item_still_counts_its_views_without_a_query(client):
    item = NewsItemFactory()
    first, _ = get(client, item.get_absolute_url())
    hits = [get(client, item.get_absolute_url()) for _ in range(2)]
    assert [(r["X-Page-Cache"], queries) for r, queries in hits] == [("hit", 0), ("hit", 0)]
    assert news_views.flush() == 1
    item.refresh_from_db()
    assert item.view_count == 3


# --- What is never kept -----------------------------------------------------------------------


def kept_pages():
    """The keys of the pages in the (local-memory) cache."""
    return {key for key in caches["default"]._cache if ":page:" in key}


def assert_never_kept(client, url, status=200, **extra):
    kept = kept_pages()
    first, _ = get(client, url, **extra)
    second, _ = get(client, url, **extra)
    assert kept_pages() == kept
    assert first.status_code == second.status_code == status
    assert {"private", "no-store"} <= cache_control(first)
    assert {"private", "no-store"} <= cache_control(second)
    assert "public" not in cache_control(second)
    assert "X-Page-Cache" not in second.headers
    return second


def test_the_nomination_form_is_never_kept(client):
    programme = ProgrammeFactory(slug="open-call")
    response = assert_never_kept(client, f"/ko/training/{programme.slug}/apply/")
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "csrftoken" in response.cookies


def test_a_private_link_is_never_kept(client):
    token = "a-very-secret-token-for-the-writer-only-0123456789"
    NominationFactory(access_token_hash=hash_token(token))
    response = assert_never_kept(client, f"/ko/training/nominations/{token}/")
    assert "김서울" in response.text


def test_staff_pages_and_a_staff_visit_are_never_kept(client, superuser):
    NewsItemFactory(title="모두가 보는 소식")
    get(client, "/ko/news/")  # an anonymous visit fills the cache
    client.force_login(superuser)
    response = assert_never_kept(client, "/ko/news/")
    assert "모두가 보는 소식" in response.text
    draft = NewsItemFactory(status=NewsStatus.DRAFT)
    assert_never_kept(client, f"/ko/news/preview/{draft.pk}/")
    assert_never_kept(client, "/admin/")


def test_the_admin_login_and_missing_pages_are_never_kept(client):
    assert_never_kept(client, "/admin/login/")
    assert_never_kept(client, "/ko/news/no-such-item/", status=404)
    assert_never_kept(client, "/", status=302)


def test_a_visitor_with_a_message_waiting_gets_the_page_rendered(client):
    get(client, "/ko/training/")
    client.cookies["messages"] = "pending"
    response, queries = get(client, "/ko/training/")
    assert "X-Page-Cache" not in response.headers
    assert queries > 0


# --- Changes show in every process ------------------------------------------------------------


def news_publish(item):
    item.status = NewsStatus.PUBLISHED
    item.save()


def news_unpublish(item):
    item.status = NewsStatus.DRAFT
    item.save()


CHANGES = {
    "news published": (
        lambda: NewsItemFactory(title="곧 나올 소식", status=NewsStatus.DRAFT),
        lambda item: "/ko/news/",
        news_publish,
        ("곧 나올 소식", True),
    ),
    "news unpublished": (
        lambda: NewsItemFactory(title="내려갈 소식"),
        lambda item: "/ko/news/",
        news_unpublish,
        ("내려갈 소식", False),
    ),
    "news deleted": (
        lambda: NewsItemFactory(title="지울 소식"),
        lambda item: "/ko/",
        lambda item: item.delete(),
        ("지울 소식", False),
    ),
    "news attachment added": (
        lambda: NewsItemFactory(),
        lambda item: item.get_absolute_url(),
        lambda item: NewsAttachmentFactory(news_item=item, title="붙임 신청서"),
        ("붙임 신청서", True),
    ),
    "publication edited": (
        lambda: PublicationFactory(title="옛 제목 보고서"),
        lambda publication: "/ko/publications/",
        lambda publication: _set(publication, title="새 제목 보고서"),
        ("새 제목 보고서", True),
    ),
    "publication unpublished": (
        lambda: PublicationFactory(title="내려갈 보고서"),
        lambda publication: "/ko/search/?q=보고서",
        lambda publication: _set(publication, status=PublicationStatus.DRAFT),
        ("내려갈 보고서", False),
    ),
    "publication deleted": (
        lambda: PublicationFactory(title="지울 보고서"),
        lambda publication: "/sitemap-publications.xml",
        lambda publication: publication.delete(),
        ("report-", False),
    ),
    "publication sector added": (
        lambda: PublicationFactory(),
        lambda publication: publication.get_absolute_url(),
        lambda publication: publication.sectors.add(
            Sector.objects.create(slug="new-sector", name_ko="새분야", name_en="New sector")
        ),
        ("새분야", True),
    ),
    "programme edited": (
        lambda: ProgrammeFactory(title="옛 연수"),
        lambda programme: "/ko/training/",
        lambda programme: _set(programme, title="새 연수"),
        ("새 연수", True),
    ),
    "programme unpublished": (
        lambda: ProgrammeFactory(title="내려갈 연수"),
        lambda programme: "/ko/",
        lambda programme: _set(programme, is_published=False),
        ("내려갈 연수", False),
    ),
    "schedule row added": (
        lambda: ProgrammeFactory(),
        lambda programme: programme.get_absolute_url(),
        lambda programme: ScheduleItemFactory(programme=programme, activities="한강 견학"),
        ("한강 견학", True),
    ),
    "partner renamed": (
        lambda: Partner.objects.create(name_ko="옛 협력기관", name_en="Old partner"),
        lambda partner: "/ko/",  # the footer lists the partners on every page
        lambda partner: _set(partner, name_ko="새 협력기관"),
        ("새 협력기관", True),
    ),
}


def _set(instance, **values):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_in_another_process_within_the_check_interval(
    client, settings, django_capture_on_commit_callbacks, change
):
    make, url_of, edit, (text, present) = CHANGES[change]
    instance = make()
    url = url_of(instance)
    before, _ = get(client, url)
    assert (text in before.text) is not present
    with django_capture_on_commit_callbacks(execute=True):  # the edit's transaction commits
        edit(instance)

    # Another worker that read the generation just now still serves its page for up to a second.
    in_another_process(elapsed=0)
    still, _ = get(client, url)
    assert still["X-Page-Cache"] == "hit"
    assert still.content == before.content
    # Once that second is over it reads the generation again, and renders the change.
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    after, _ = get(client, url)
    assert after["X-Page-Cache"] == "miss"
    assert (text in after.text) is present


def test_the_process_that_made_the_change_shows_it_at_once(
    client, django_capture_on_commit_callbacks
):
    item = NewsItemFactory(title="바로 바뀌는 소식")
    get(client, item.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        _set(item, title="바로 바뀐 소식")
    response, _ = get(client, item.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "바로 바뀐 소식" in response.text


def test_the_generation_advances_when_the_transaction_commits_not_before(
    django_capture_on_commit_callbacks,
):
    before = pagecache.read_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = NewsItemFactory()
        item.delete()
    assert pagecache.read_generation() == before  # not yet visible: nothing to retire
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert pagecache.read_generation() > before


def test_an_sdg_value_or_goal_edit_shows(
    client,
    make_plan,  # noqa: F811 - the imported fixture
    django_capture_on_commit_callbacks,
):
    (indicator,) = make_plan(1)
    get(client, indicator.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        Actual.objects.filter(indicator=indicator).delete()  # the queryset deletes row by row
    in_another_process(elapsed=1)
    assert get(client, indicator.get_absolute_url())[0]["X-Page-Cache"] == "miss"

    get(client, "/ko/sdg/")
    with django_capture_on_commit_callbacks(execute=True):
        _set(Goal.objects.get(), title="새로 고친 과제")
    in_another_process(elapsed=1)
    assert "새로 고친 과제" in get(client, "/ko/sdg/")[0].text


# --- Scheduled content appears at its time ----------------------------------------------------


def later(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_scheduled_news_item_appears_at_its_time(client, monkeypatch):
    when = timezone.now() + datetime.timedelta(hours=1)
    NewsItemFactory(title="예약된 소식", published_at=when)
    assert "예약된 소식" not in get(client, "/ko/news/")[0].text
    assert pagecache.current()[1] == min(when, next_midnight(timezone.now()))
    later(monkeypatch, when + datetime.timedelta(seconds=1))
    response, _ = get(client, "/ko/news/")
    assert response["X-Page-Cache"] == "miss"
    assert "예약된 소식" in response.text


def test_no_entry_or_header_outlives_the_next_scheduled_publication(client, monkeypatch):
    now = timezone.now()
    NewsItemFactory(title="예약된 소식", published_at=now + datetime.timedelta(seconds=30))
    later(monkeypatch, now + datetime.timedelta(seconds=29, milliseconds=500))
    response, _ = get(client, "/ko/news/")
    assert "X-Page-Cache" not in response.headers  # under a second left: not kept
    assert "max-age=0" in response["Cache-Control"]


def test_a_publication_dated_tomorrow_appears_at_midnight_in_seoul(client, monkeypatch):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    PublicationFactory(title="내일 나올 보고서", published_on=tomorrow)
    assert "내일 나올 보고서" not in get(client, "/ko/publications/")[0].text
    assert pagecache.current()[1] == seoul_midnight(tomorrow)
    later(monkeypatch, seoul_midnight(tomorrow) + datetime.timedelta(seconds=1))
    assert "내일 나올 보고서" in get(client, "/ko/publications/")[0].text


def test_a_call_closes_at_its_deadline(client, monkeypatch):
    deadline = timezone.now() + datetime.timedelta(minutes=5)
    programme = ProgrammeFactory(application_deadline=deadline)
    assert "접수중" in get(client, programme.get_absolute_url())[0].text
    assert pagecache.current()[1] == min(deadline, next_midnight(timezone.now()))
    later(monkeypatch, deadline + datetime.timedelta(seconds=1))
    response, _ = get(client, programme.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "마감" in response.text
    assert "접수중" not in response.text


def test_with_the_cache_off_pages_still_say_what_a_proxy_may_do(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first, _ = get(client, "/ko/news/")
    second, queries = get(client, "/ko/news/")
    assert second["Cache-Control"] == PUBLIC
    assert "X-Page-Cache" not in second.headers
    assert queries > 0
