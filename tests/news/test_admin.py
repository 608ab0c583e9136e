import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from archive_portal.groups import EDITORS, sync_staff_groups
from news.models import NewsItem, Status
from tests.archive_portal.files import ole2_bytes
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


def item_form(publish_at, **changes):
    """The add form of a news item, as an editor fills it in."""
    return {
        "title_ko": "다음 주 행사 안내",
        "slug": "다음-주-행사-안내",
        "category": "event",
        "language": "ko",
        "author": "seoulsolution",
        "summary_ko": "행사 요약",
        "body_ko": "행사 본문",
        "status": "published",
        "published_at_0": publish_at.strftime("%Y-%m-%d"),
        "published_at_1": publish_at.strftime("%H:%M:%S"),
        "source_name_ko": "",
        "source_url": "",
        "licence": "kogl-1",
        "cover_image_alt_ko": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        **changes,
    }


def test_editor_schedules_an_item_through_the_admin(client, editor):
    client.force_login(editor)
    publish_at = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post("/admin/news/newsitem/add/", item_form(publish_at))

    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.with_visibility().get(slug="다음-주-행사-안내")
    assert item.is_scheduled
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_a_reserved_slug_and_files_that_are_not_what_they_say_are_refused(client, editor):
    client.force_login(editor)
    form = item_form(
        timezone.localtime(),
        slug="feed",
        cover_image=SimpleUploadedFile("cover.png", b"GIF89a" + b"\x00" * 64),
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_ko": "보도자료 원문",
            "attachments-0-order": "0",
            "attachments-0-file": SimpleUploadedFile("보도자료.pdf", b"MZ\x90\x00 a program"),
        },
    )

    response = client.post("/admin/news/newsitem/add/", form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "slug": ["“feed”은(는) 사이트에서 쓰는 주소입니다. 다른 주소를 정하세요."],
        "cover_image": [
            "“cover.png”은(는) 이름으로는 “PNG 이미지” 형식의 파일이지만 내용은 그 형식이 "
            "아닙니다. 그 형식으로 다시 저장하거나 실제 형식에 맞는 확장자를 붙이세요."
        ],
    }
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {
            "file": [
                "“보도자료.pdf”은(는) 이름으로는 “PDF 문서” 형식의 파일이지만 내용은 그 형식이 "
                "아닙니다. 그 형식으로 다시 저장하거나 실제 형식에 맞는 확장자를 붙이세요."
            ]
        }
    ]
    assert not NewsItem.objects.exists()


def test_an_old_office_document_is_accepted_as_a_news_attachment(client, editor):
    client.force_login(editor)
    form = item_form(
        timezone.localtime(),
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_ko": "신청서",
            "attachments-0-order": "0",
            "attachments-0-file": SimpleUploadedFile("신청서.doc", ole2_bytes("WordDocument")),
        },
    )

    response = client.post("/admin/news/newsitem/add/", form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    attachment = NewsItem.objects.get(slug="다음-주-행사-안내").attachments.get()
    assert (attachment.title, attachment.file_type, attachment.size) == ("신청서", "DOC", 5632)
