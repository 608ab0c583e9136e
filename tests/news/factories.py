import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from archive_portal.lib.timezone import SEOUL
from news.models import Category, NewsAttachment, NewsItem, Status


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"서울시 정책 소식 {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    category = Category.PRESS_RELEASE
    summary = "서울시가 새 정책을 발표했다."
    body = "<p>본문 문단입니다.</p>"
    author = "seoulsolution"
    status = Status.PUBLISHED
    # Hour n after 2024-01-01 (in the past for the next 20,000 items), so items are ordered by
    # their sequence number.
    published_at = factory.Sequence(
        lambda n: datetime.datetime(2024, 1, 1, 9, 0, tzinfo=SEOUL) + datetime.timedelta(hours=n)
    )

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)


class NewsAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsAttachment

    news_item = factory.SubFactory(NewsItemFactory)
    title = "초청연수 신청서"
    file = factory.LazyFunction(
        lambda: SimpleUploadedFile(
            "application-form.pdf", b"%PDF-1.4\n" + b"x" * 2032 + b"\n%%EOF\n"
        )
    )


def copies_of(item, count, every):
    """`count` published copies of `item`, each `every` older than the one before (one INSERT:
    a table of realistic size, for the planner, in well under a second)."""
    columns = [
        field.column
        for field in NewsItem._meta.concrete_fields
        if not field.primary_key and not field.generated
    ]
    values = {"slug": "slug || '-' || n", "published_at": "published_at - n * %(every)s"}
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO news_newsitem ({', '.join(columns)}) "  # noqa: S608 - column names
            f"SELECT {', '.join(values.get(column, column) for column in columns)} "
            "FROM news_newsitem, generate_series(1, %(count)s) AS n WHERE id = %(id)s",
            {"count": count, "id": item.pk, "every": every},
        )
        cursor.execute("ANALYZE news_newsitem")
