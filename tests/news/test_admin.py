import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from archive_portal.groups import EDITORS, sync_staff_groups
from news.models import NewsItem, Status
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    sync_staff_groups()
    user = django_user_model.objects.create_user(
        username="news-editor", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_editors_may_write_news_and_attachments(editor):
    for action in ("add", "change", "delete", "view"):
        assert editor.has_perm(f"news.{action}_newsitem")
        assert editor.has_perm(f"news.{action}_newsattachment")


def test_changelist_filters_and_searches(client, editor):
    NewsItemFactory(title="초청연수 모집 공고")
    NewsItemFactory(
        title="예약된 보도자료", published_at=timezone.now() + datetime.timedelta(days=3)
    )
    NewsItemFactory(title="작성 중인 초안", status=Status.DRAFT)
    client.force_login(editor)

    everything = client.get("/admin/news/newsitem/")
    scheduled = client.get("/admin/news/newsitem/?visibility=scheduled")
    searched = client.get("/admin/news/newsitem/?q=초청연수")

    assert everything.status_code == 200
    assert everything.context["cl"].result_count == 3
    assert [item.title for item in scheduled.context["cl"].result_list] == ["예약된 보도자료"]
    assert [item.title for item in searched.context["cl"].result_list] == ["초청연수 모집 공고"]


def test_change_form_prepopulates_the_slug_and_links_the_preview(client, editor):
    draft = NewsItemFactory(status=Status.DRAFT)
    client.force_login(editor)

    response = client.get(f"/admin/news/newsitem/{draft.pk}/change/")

    assert response.status_code == 200
    assert 'data-prepopulated-fields="[{&quot;id&quot;: &quot;#id_slug&quot;' in response.text
    assert f'href="/ko/news/preview/{draft.pk}/"' in response.text
    assert 'id="attachments-group"' in response.text


def test_editor_schedules_an_item_through_the_admin(client, editor):
    client.force_login(editor)
    publish_at = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        "/admin/news/newsitem/add/",
        {
            "title": "다음 주 행사 안내",
            "slug": "다음-주-행사-안내",
            "category": "event",
            "language": "ko",
            "author": "seoulsolution",
            "summary": "행사 요약",
            "body": "행사 본문",
            "status": "published",
            "published_at_0": publish_at.strftime("%Y-%m-%d"),
            "published_at_1": publish_at.strftime("%H:%M:%S"),
            "source_name": "",
            "source_url": "",
            "cover_image_alt": "",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get(slug="다음-주-행사-안내")
    assert item.is_scheduled
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()
    assert client.get(item.get_absolute_url()).status_code == 404
