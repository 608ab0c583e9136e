"""OneRow (archive_portal.lib.rows): a row by a unique column, with SQL built once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive_portal.lib.rows import OneRow
from news.models import SEARCH_COLUMNS, NewsItem, Status, plain
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_the_row_is_read_in_one_query_as_the_queryset_reads_it():
    item = NewsItemFactory(slug="by-slug", title="한 줄 소식", view_count=7)
    by_slug = OneRow(plain, "slug")
    with CaptureQueriesContext(connection) as queries:
        found = by_slug.get("by-slug")
        missing = by_slug.get("not-there")
    assert len(queries) == 2
    assert isinstance(found, NewsItem) and missing is None
    assert (found.pk, found.title, found.view_count, found.published_at) == (
        item.pk, "한 줄 소식", 7, item.published_at,
    )  # fmt: skip
    # The columns plain() leaves out stay out (read on access only).
    assert set(SEARCH_COLUMNS) <= found.get_deferred_fields()
    # Built once: the next read runs the same SQL.
    with CaptureQueriesContext(connection) as again:
        by_slug.get("by-slug")
    assert again[0]["sql"] == queries[0]["sql"]


def test_a_query_with_another_parameter_is_refused():
    """A time frozen into the SQL (published() compares with now) would go stale."""
    with pytest.raises(ValueError, match="only the value looked up"):
        OneRow(lambda: plain().published(), "slug").get("any")


@pytest.mark.parametrize(
    ("status", "hours"), [(Status.DRAFT, -1), (Status.PUBLISHED, 1)], ids=["draft", "scheduled"]
)
def test_an_items_page_is_public_only_as_published_says(client, status, hours):
    when = timezone.now() + datetime.timedelta(hours=hours)
    item = NewsItemFactory(slug="hidden", status=status, published_at=when)
    assert client.get("/ko/news/hidden/").status_code == 404
    assert not item.public_now()
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()
