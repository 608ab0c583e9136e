"""The training pages with the page cache off and the cached fragments on (issue 13): the
published calls kept per process and content generation, a call's page body and the index's
lists cached fragments. Warm, they cost no query; every edit, and every moment a call opens or
closes or its days left change, shows on the next request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive_portal import pagecache
from archive_portal.lib.timezone import SEOUL, seoul_today
from tests.archive_portal.test_page_cache import in_another_process, later
from tests.training.factories import ProgrammeFactory, ScheduleItemFactory
from training.models import Programme, ScheduleItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, response.text, len(queries)


def warm_up(client):
    """What every page shares read once (the content generation, the next scheduled change, the
    footer's partners), so that the counts below are the training pages' own."""
    assert get(client, "/ko/sdg/")[0] == 200


def test_a_call_s_page_is_built_once_then_served_without_a_query(client):
    programme = ProgrammeFactory(title="캐시된 연수")
    ScheduleItemFactory(programme=programme, activities="도시철도 현황 소개")
    warm_up(client)
    url = programme.get_absolute_url()

    status, first, cold = get(client, url)
    status_again, second, warm = get(client, url)

    # Cold: the published calls, the schedule. Warm: none, the same page.
    assert (status, cold) == (200, 2)
    assert (status_again, second, warm) == (200, first, 0)
    assert "<li>도시철도 현황 소개</li>" in first
    assert '<h1 lang="ko">캐시된 연수</h1>' in first
    # The English page has fragments of its own (and the calls are kept per language); the home
    # page's training block reads the same calls: the page then reads only its schedule.
    assert get(client, "/en/")[0] == 200
    assert get(client, f"/en/training/{programme.slug}/")[2] == 1


def test_the_index_is_built_once_then_served_without_a_query(client):
    ProgrammeFactory(title="목록의 연수")
    warm_up(client)
    status, first, cold = get(client, "/ko/training/")
    assert (status, cold) == (200, 1)  # the published calls
    assert get(client, "/ko/training/") == (200, first, 0)
    assert "목록의 연수" in first


def _title(programme):
    programme.title = programme.title_ko = "고친 연수 제목"
    programme.save()


def _contact(programme):
    programme.contact_email = "changed@seoul.go.kr"
    programme.save()


def _schedule_row_edited(programme):
    row = programme.schedule.get()
    row.activities = "고친 일정"
    row.save()


def _schedule_row_added(programme):
    ScheduleItemFactory(programme=programme, activities="새 일정")


def _schedule_row_deleted(programme):
    programme.schedule.get().delete()


def _deadline_moved(programme):
    programme.application_deadline = datetime.datetime(2099, 3, 4, 18, 0, tzinfo=SEOUL)
    programme.save()


EDITS = {
    "title": (_title, "고친 연수 제목", True),
    "contact": (_contact, "changed@seoul.go.kr", True),
    "schedule row edited": (_schedule_row_edited, "<li>고친 일정</li>", True),
    "schedule row added": (_schedule_row_added, "<li>새 일정</li>", True),
    "schedule row deleted": (_schedule_row_deleted, "<li>첫 일정</li>", False),
    "deadline moved": (_deadline_moved, 'datetime="2099-03-04T18:00:00+09:00"', True),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_of_the_call_shows_on_its_page_and_the_index_in_every_process(
    client, settings, django_capture_on_commit_callbacks, edit
):
    change, text, present = EDITS[edit]
    programme = ProgrammeFactory()
    ScheduleItemFactory(programme=programme, activities="첫 일정")
    url = programme.get_absolute_url()
    before = get(client, url)[1]
    index_before = get(client, "/ko/training/")[1]
    assert (text in before) is not present
    assert get(client, url)[2] == 0  # served from what the process keeps

    with django_capture_on_commit_callbacks(execute=True):
        change(Programme.objects.get(pk=programme.pk))
    in_another_process(elapsed=settings.PAGE_CACHE_CHECK_SECONDS)

    after = get(client, url)[1]
    assert (text in after) is present
    if edit == "title":  # the breadcrumb (a fragment of its own) and the head
        assert '<li aria-current="page">고친 연수 제목</li>' in after
        assert "<title>고친 연수 제목 | 서울정책아카이브</title>" in after
    if edit in ("title", "deadline moved"):  # what the index's cards show
        assert (text in get(client, "/ko/training/")[1]) is present
        assert (text in index_before) is not present


def test_an_unpublished_call_is_gone_at_once(client, settings, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(title="내려갈 연수")
    url = programme.get_absolute_url()
    assert get(client, url)[0] == 200
    assert "내려갈 연수" in get(client, "/ko/training/")[1]
    with django_capture_on_commit_callbacks(execute=True):
        Programme.objects.filter(pk=programme.pk).update(is_published=False)
        pagecache.content_changed()  # what code writing without signals calls
    assert get(client, url)[0] == 404
    assert "내려갈 연수" not in get(client, "/ko/training/")[1]
    assert get(client, "/ko/training/no-such-call/")[0] == 404


def test_a_call_closes_at_its_deadline_and_opens_at_its_opening(client, monkeypatch):
    now = datetime.datetime.now(tz=SEOUL).replace(microsecond=0)
    closing = ProgrammeFactory(
        title="곧 마감할 연수", application_deadline=now + datetime.timedelta(hours=1)
    )
    opening = ProgrammeFactory(
        title="곧 열릴 연수",
        applications_open_at=now + datetime.timedelta(hours=2),
        application_deadline=now + datetime.timedelta(days=20),
    )
    apply_link = f'href="/en/training/{closing.slug}/apply/"'
    page = get(client, f"/en/training/{closing.slug}/")[1]
    assert apply_link in page
    assert '<span class="badge badge--open">Open</span>' in page
    assert get(client, f"/en/training/{closing.slug}/")[2] == 0
    index = get(client, "/en/training/")[1]
    assert index.index("곧 마감할 연수") < index.index('id="upcoming-heading"')
    assert index.index("곧 열릴 연수") > index.index('id="upcoming-heading"')

    later(monkeypatch, closing.application_deadline + datetime.timedelta(seconds=1))
    page = get(client, f"/en/training/{closing.slug}/")[1]
    assert apply_link not in page
    assert '<span class="badge badge--closed">Closed</span>' in page
    assert "This call is closed: nominations are no longer accepted." in page
    index = get(client, "/en/training/")[1]
    assert index.index("곧 마감할 연수") > index.index('id="closed-heading"')

    later(monkeypatch, opening.applications_open_at + datetime.timedelta(seconds=1))
    page = get(client, f"/en/training/{opening.slug}/")[1]
    assert f'href="/en/training/{opening.slug}/apply/"' in page
    index = get(client, "/en/training/")[1]
    assert index.index("곧 열릴 연수") < index.index('id="upcoming-heading"')


def test_the_days_left_change_at_midnight_in_seoul(client, monkeypatch):
    today = seoul_today()
    programme = ProgrammeFactory(
        application_deadline=datetime.datetime.combine(
            today + datetime.timedelta(days=3), datetime.time(18), tzinfo=SEOUL
        )
    )
    url = f"/en/training/{programme.slug}/"
    page = get(client, url)[1]
    assert '<strong class="dday">D-3</strong>' in page
    assert "3 days left." in page
    assert '<strong class="dday">D-3</strong>' in get(client, "/en/training/")[1]
    assert get(client, url)[2] == 0

    tomorrow = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(0, 0, 1), tzinfo=SEOUL
    )
    later(monkeypatch, tomorrow)
    page = get(client, url)[1]
    assert '<strong class="dday">D-2</strong>' in page
    assert "2 days left." in page
    assert '<strong class="dday">D-2</strong>' in get(client, "/en/training/")[1]


def test_a_schedule_row_of_another_call_changes_nothing_kept_wrongly(
    client, settings, django_capture_on_commit_callbacks
):
    """Each call's body is its own fragment: two calls never show each other's schedule."""
    first = ProgrammeFactory()
    second = ProgrammeFactory()
    ScheduleItemFactory(programme=first, activities="첫 연수 일정")
    ScheduleItemFactory(programme=second, activities="둘째 연수 일정")
    one = get(client, first.get_absolute_url())[1]
    two = get(client, second.get_absolute_url())[1]
    assert ("첫 연수 일정" in one, "둘째 연수 일정" in one) == (True, False)
    assert ("첫 연수 일정" in two, "둘째 연수 일정" in two) == (False, True)
    with django_capture_on_commit_callbacks(execute=True):
        ScheduleItem.objects.filter(programme=second).update(activities="바뀐 일정")
        pagecache.content_changed()
    assert "바뀐 일정" in get(client, second.get_absolute_url())[1]
    assert get(client, first.get_absolute_url())[1] == one
