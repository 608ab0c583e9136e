import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from news.models import Category, NewsItem, Status
from tests.news.factories import NewsAttachmentFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def test_published_shows_published_items_whose_time_has_come():
    visible = NewsItemFactory(title="게시됨")
    NewsItemFactory(title="임시 저장", status=Status.DRAFT)
    NewsItemFactory(title="예약됨", published_at=timezone.now() + datetime.timedelta(hours=1))
    NewsItemFactory(
        title="과거 초안",
        status=Status.DRAFT,
        published_at=timezone.now() - datetime.timedelta(days=3),
    )

    assert list(NewsItem.objects.published()) == [visible]


def test_a_scheduled_item_appears_once_its_time_has_come():
    item = NewsItemFactory(published_at=timezone.now() + datetime.timedelta(minutes=5))
    seen = NewsItem.objects.with_visibility().get(pk=item.pk)
    assert seen.is_scheduled and not seen.is_public
    assert list(NewsItem.objects.scheduled()) == [item]
    assert not NewsItem.objects.published().exists()

    NewsItem.objects.filter(pk=item.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert list(NewsItem.objects.published()) == [item]
    seen = NewsItem.objects.with_visibility().get(pk=item.pk)
    assert seen.is_public and not seen.is_scheduled
    assert not NewsItem.objects.scheduled().exists()


def test_listing_order_is_pinned_first_then_newest():
    old = NewsItemFactory(title="old")
    new = NewsItemFactory(title="new")
    pinned_old = NewsItemFactory(
        title="pinned", pinned=True, published_at=old.published_at - datetime.timedelta(days=30)
    )

    assert list(NewsItem.objects.published().for_listing()) == [pinned_old, new, old]
    assert list(NewsItem.objects.all()) == [pinned_old, new, old]  # Meta.ordering agrees


def test_an_external_article_needs_its_source():
    with pytest.raises(IntegrityError):
        NewsItemFactory(category=Category.EXTERNAL, source_name="")


def test_clean_explains_the_missing_source():
    item = NewsItemFactory.build(category=Category.EXTERNAL, source_name="")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["source_name"] == [
        "외부 기사에는 출처(언론사 이름)가 필요합니다."
    ]


@pytest.mark.parametrize("slug", ["feed", "preview"])
def test_slugs_of_the_sections_own_pages_are_refused(slug):
    item = NewsItemFactory.build(slug=slug)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert list(error.value.message_dict) == ["slug"]


def test_korean_slug_makes_the_address():
    item = NewsItemFactory(slug="초청연수-모집")
    assert (
        item.get_absolute_url()
        == "/ko/news/%EC%B4%88%EC%B2%AD%EC%97%B0%EC%88%98-%EB%AA%A8%EC%A7%91/"
    )
    assert str(item) == item.title


def test_summary_lines_skip_blank_lines():
    item = NewsItemFactory.build(summary="첫째 줄\n\n  둘째 줄  \n")
    assert item.summary_lines == ["첫째 줄", "둘째 줄"]


def test_attachment_records_its_type_and_size():
    attachment = NewsAttachmentFactory()
    assert attachment.size == 2048
    assert attachment.file_type == "PDF"
    assert attachment.file.name.startswith("news/attachments/")
    assert str(attachment) == "초청연수 신청서"
