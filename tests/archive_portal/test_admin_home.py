"""The admin home says what needs attention: nominations waiting per call, items scheduled to
appear, drafts untouched for a month, indicators missing the reporting year's value."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsItem, Status
from sdg_plan.selectors import reporting_year
from tests.news.factories import NewsItemFactory
from tests.sdg_plan.conftest import add_actual, build_plan
from tests.training.factories import NominationFactory, ProgrammeFactory
from training.models import NominationStatus

pytestmark = pytest.mark.django_db


def attention(client):
    page = client.get("/admin/").content.decode()
    return page.split('id="attention-heading"')[1].split("</section>")[0]


def test_nothing_waiting_is_said_plainly(client, superuser):
    client.force_login(superuser)
    assert "기다리는 일이 없습니다" in attention(client)


def test_the_admin_home_lists_what_needs_attention(client, superuser):
    now = timezone.now()
    NewsItemFactory(title="예약된 보도자료", published_at=now + datetime.timedelta(days=3))
    old_draft = NewsItemFactory(title="오래된 초안", status=Status.DRAFT)
    NewsItem.objects.filter(pk=old_draft.pk).update(updated_at=now - datetime.timedelta(days=40))
    NewsItemFactory(title="새 초안", status=Status.DRAFT)  # changed today: not listed
    programme = ProgrammeFactory(title="2026 도시철도 초청연수")
    NominationFactory.create_batch(2, programme=programme)
    NominationFactory(programme=programme, status=NominationStatus.NOT_SELECTED)
    first, second = build_plan(2)
    add_actual(first, reporting_year(), "12")

    client.force_login(superuser)
    section = attention(client)
    # scheduled, old draft, one call; the SDG total and one department
    assert section.count("<li>") == 5
    assert (
        '<a href="/admin/news/newsitem/?visibility=scheduled">예약되어 곧 게시됨</a> '
        '<strong class="portal-attention__count">1</strong>' in section
    )
    assert "2026 도시철도 초청연수" in section
    assert f'href="/admin/training/nomination/review/{programme.pk}/"' in section
    assert section.count('portal-attention__count">2<') == 1  # the two waiting nominations
    assert "부서2과" in section and "부서1과" not in section  # 부서1과 reported its value
    department = second.project.responsibilities.get().department_id
    assert f"/admin/sdg_plan/indicator/?reported=no&amp;department={department}" in section


def test_the_links_show_exactly_the_items_counted(client, superuser):
    now = timezone.now()
    old_draft = NewsItemFactory(title="오래된 초안", status=Status.DRAFT)
    NewsItem.objects.filter(pk=old_draft.pk).update(updated_at=now - datetime.timedelta(days=40))
    NewsItemFactory(title="새 초안", status=Status.DRAFT)
    first, second = build_plan(2)
    add_actual(first, reporting_year(), "12")
    client.force_login(superuser)
    section = attention(client)
    links = [part.split('"')[0].replace("&amp;", "&") for part in section.split('href="')[1:]]
    drafts = client.get(next(link for link in links if "status__exact=draft" in link))
    assert "오래된 초안" in drafts.content.decode()
    assert "새 초안" not in drafts.content.decode()
    missing = client.get(next(link for link in links if "reported=no" in link)).content.decode()
    assert "지표 2" in missing
    assert "지표 1" not in missing
