# ruff: noqa: F811 - the make_plan fixture, imported, is named as a parameter
"""Cached fragments (archive_portal/fragments.py): kept under the content generation, so that
with the page cache off every change shows in every process exactly as the page cache shows it;
per language and per what they vary on; never what belongs to one request."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive_portal import fragments, pagecache
from archive_portal.models import Partner
from sdg_plan.models import Goal
from tests.archive_portal.test_page_cache import CHANGES, in_another_process, later
from tests.news.factories import NewsItemFactory
from tests.sdg_plan.conftest import make_plan  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert (url, response.status_code) == (url, 200)
    return response.text, len(queries)


def kept():
    return {key for key in caches["default"]._cache if ":fragment:" in key}


def test_a_fragment_is_kept_and_served_without_its_queries(client, make_plan):
    make_plan(3)
    first, cold = get(client, "/ko/sdg/")
    second, warm = get(client, "/ko/sdg/")
    assert second == first
    # Cold: the generation and the next scheduled changes (read once a second: news,
    # publications, training calls' openings and deadlines in one), the overview's four queries,
    # the footer's partners. Warm: none.
    assert (cold, warm) == (9, 0)
    english, _ = get(client, "/en/sdg/")
    assert 'lang="en"' in english
    assert english != first  # one fragment per language
    assert {key.split(":")[6] for key in kept()} >= {"sdg-overview", "site-footer", "main-nav"}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_in_another_process_within_the_check_interval(
    client, settings, django_capture_on_commit_callbacks, change
):
    """The page cache's cases, with it off: what the fragments keep changes as its pages did."""
    make, url_of, edit, (text, present) = CHANGES[change]
    instance = make()
    url = url_of(instance)
    before, _ = get(client, url)
    assert (text in before) is not present
    with django_capture_on_commit_callbacks(execute=True):
        edit(instance)
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    after, _ = get(client, url)
    assert (text in after) is present


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/ko/sdg/", "고친 과제"),  # the overview's fragment
        ("/en/sdg/indicators/", "고친 과제"),  # the indicator table's
        ("/ko/", "새 협력기관"),  # the footer's
    ],
)
def test_another_process_keeps_its_fragment_for_at_most_the_check_interval(
    client,
    settings,
    django_capture_on_commit_callbacks,
    make_plan,
    url,
    text,
):
    make_plan(2)
    partner = Partner.objects.create(name_ko="옛 협력기관", name_en="Old partner")
    before, _ = get(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        goal = Goal.objects.order_by("code").first()
        goal.title = goal.title_ko = goal.title_en = "고친 과제"
        goal.save()
        partner.name_ko = "새 협력기관"
        partner.save()

    in_another_process(elapsed=0)  # it read the generation just now: nobody told it yet
    still, _ = get(client, url)
    assert text not in still
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    after, _ = get(client, url)
    assert text in after


def test_the_process_that_made_the_change_shows_it_at_once(
    client,
    make_plan,
    django_capture_on_commit_callbacks,
):
    make_plan(1)
    get(client, "/ko/sdg/")
    with django_capture_on_commit_callbacks(execute=True):
        Goal.objects.filter(pk=Goal.objects.get().pk).update(title_ko="바로 고친 과제")
        pagecache.content_changed()  # what code writing without signals calls
    assert "바로 고친 과제" in get(client, "/ko/sdg/")[0]


def test_each_choice_of_filters_has_its_fragment_and_errors_are_never_kept(
    client,
    make_plan,
):
    indicators = make_plan(3)
    goal = indicators[0].project.task.goal.code
    everything, _ = get(client, "/ko/sdg/indicators/")
    filtered, _ = get(client, f"/ko/sdg/indicators/?goal={goal}")
    assert everything.count('<td class="num">') == 3 * 2  # number and latest actual
    assert filtered.count('<td class="num">') == 1 * 2
    again, queries = get(client, f"/ko/sdg/indicators/?goal={goal}")
    assert (again, queries) == (filtered, 0)
    assert f'<option value="{goal}" selected>' in again

    before = kept()
    wrong, queries = get(client, "/ko/sdg/indicators/?goal=9-9")
    assert 'class="error-message"' in wrong
    assert queries > 0
    assert kept() == before
    assert get(client, "/ko/sdg/indicators/?goal=9-9")[1] == queries  # rendered again


def test_the_menu_marks_the_current_section_and_the_search_box_keeps_the_words(client):
    news, _ = get(client, "/ko/news/")
    training, _ = get(client, "/ko/training/")
    home, _ = get(client, "/ko/")
    assert '<a href="/ko/news/" aria-current="page">' in news
    assert '<a href="/ko/training/" aria-current="page">' in training
    assert '<a href="/ko/news/">' in training
    assert 'aria-current="page"' not in home.split('id="main-nav-list"')[1].split("</nav>")[0]
    first, _ = get(client, "/ko/search/?q=연수")
    second, _ = get(client, "/ko/search/?q=견학")
    assert 'id="header-search-q" name="q" type="search"' in first
    assert 'value="연수">' in first.split('id="header-search-q"')[1][:200]
    assert 'value="견학">' in second.split('id="header-search-q"')[1][:200]


def test_a_scheduled_news_item_appears_on_the_home_page_at_its_time(client, monkeypatch):
    when = timezone.now() + datetime.timedelta(hours=1)
    NewsItemFactory(title="예약된 홈 소식", published_at=when)
    assert "예약된 홈 소식" not in get(client, "/ko/")[0]
    later(monkeypatch, when + datetime.timedelta(seconds=1))
    assert "예약된 홈 소식" in get(client, "/ko/")[0]


def test_with_fragments_off_nothing_is_kept(client, settings, make_plan):
    settings.FRAGMENT_CACHE_SECONDS = 0
    make_plan(1)
    _, first = get(client, "/ko/sdg/")
    _, second = get(client, "/ko/sdg/")
    assert kept() == set()
    assert second == first - 1  # only the footer's partners are cached (context processor)


def test_process_values_are_dropped_when_the_generation_moves(
    django_capture_on_commit_callbacks,
):
    calls = []
    assert fragments.process_cached("rows", lambda: calls.append(1) or "first") == "first"
    assert fragments.process_cached("rows", lambda: calls.append(1) or "again") == "first"
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.content_changed()
    assert fragments.process_cached("rows", lambda: calls.append(1) or "new") == "new"
    assert (len(calls), len(fragments._process_values)) == (2, 1)


def result_count(html):
    heading = html.split('id="news-results-heading"')[1].split("</h2>")[0]
    return re.search(r"\d+", heading).group(0)


def test_the_news_count_and_years_follow_a_publication(
    client, settings, django_capture_on_commit_callbacks
):
    NewsItemFactory(published_at=timezone.now() - datetime.timedelta(days=400))
    draft = NewsItemFactory(status="draft", published_at=timezone.now())
    before, _ = get(client, "/ko/news/")
    assert result_count(before) == "1"
    this_year = str(timezone.localdate().year)
    assert f'<option value="{this_year}">' not in before
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = "published"
        draft.save()
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    after, _ = get(client, "/ko/news/")
    assert result_count(after) == "2"
    assert f'<option value="{this_year}">' in after


@pytest.mark.parametrize("page", ["indicator", "department"])
def test_an_indicator_s_new_value_shows_on_its_pages_in_another_process(
    client, settings, django_capture_on_commit_callbacks, make_plan, page
):
    """The indicator and department pages are read from the whole plan kept per process and
    their bodies from fragments: a value recorded shows within the check interval."""
    (indicator,) = make_plan(1)
    department = indicator.project.responsibilities.get().department
    url = indicator.get_absolute_url() if page == "indicator" else department.get_absolute_url()
    before, _ = get(client, url)
    assert get(client, url) == (before, 0)
    assert "9,876" not in before
    with django_capture_on_commit_callbacks(execute=True):
        indicator.actuals.create(
            year=2029, value=9876, source="통계", reported_on=datetime.date(2030, 1, 1)
        )
    in_another_process(elapsed=0)
    assert get(client, url)[0] == before
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)
    after, _ = get(client, url)
    if page == "indicator":
        assert "9,876" in after
    else:  # the department's table shows the indicator's status, now from three values
        assert after != before
    assert (
        client.get(
            url.replace(str(indicator.number), "999")
            if page == "indicator"
            else f"/ko/sdg/departments/{department.pk + 999}/"
        ).status_code
        == 404
    )
