"""rewrite_in_batches (archive_portal.lib.batches) and the data migrations written with it: a
value computed in Python on every row, written a batch at a time, never one UPDATE per row."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive_portal.lib.batches import rewrite_in_batches
from publications.models import Sector
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_rows_are_rewritten_in_batches_and_unchanged_rows_are_not_written(
    django_assert_num_queries,
):
    for n in range(5):
        Sector.objects.create(slug=f"zz{n}", name_ko=f"분야 {n}", name_en=f"sector {n}")
    base = Sector.objects.filter(slug__startswith="zz")

    def upper_odd(row):
        number = int(row["name_en"].split()[-1])
        if number % 2:
            return {"name_en": row["name_en"].upper()}
        return None

    # Batches of 2: three reads (2 + 2 + 1 rows) and a fourth that finds none; one bulk UPDATE
    # for each batch holding an odd row (the first two; the last holds zz4 only).
    with django_assert_num_queries(6):
        written = rewrite_in_batches(base, ["name_en", "name_ko"], upper_odd, batch_size=2)
    assert written == 2
    assert list(base.order_by("slug").values_list("name_en", "name_ko")) == [
        ("sector 0", "분야 0"),
        ("SECTOR 1", "분야 1"),
        ("sector 2", "분야 2"),
        ("SECTOR 3", "분야 3"),
        ("sector 4", "분야 4"),
    ]


def test_a_field_one_row_changes_and_another_does_not_keeps_the_others_value():
    Sector.objects.create(slug="zza", name_ko="가", name_en="a")
    Sector.objects.create(slug="zzb", name_ko="나", name_en="b")

    def convert(row):
        if row["name_en"] == "a":
            return {"name_ko": "가가"}
        return {"name_en": "bb"}

    rewrite_in_batches(
        Sector.objects.filter(slug__in=["zza", "zzb"]), ["name_en", "name_ko"], convert
    )
    assert list(
        Sector.objects.filter(slug__in=["zza", "zzb"])
        .order_by("slug")
        .values_list("name_ko", "name_en")
    ) == [("가가", "a"), ("나", "bb")]


def _body_column(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM news_newsitem WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_news_body_migration_converts_markdown_bodies_in_batches(django_assert_num_queries):
    markdown = NewsItemFactory()
    html = NewsItemFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE news_newsitem SET body = %s WHERE id = %s", ["**굵게** 쓴 문단", markdown.pk]
        )
        cursor.execute(
            "UPDATE news_newsitem SET body = %s WHERE id = %s", ["<p>이미 HTML</p>", html.pk]
        )
    migration = importlib.import_module("news.migrations.0009_history_and_body_html")
    state = MigrationExecutor(connection).loader.project_state(
        ("news", "0009_history_and_body_html")
    )
    # One read of the batch, one UPDATE for the one Markdown body, one read that finds no more.
    with django_assert_num_queries(3):
        migration.markdown_bodies_to_html(state.apps, None)
    assert _body_column(markdown.pk) == "<p><strong>굵게</strong> 쓴 문단</p>"
    assert _body_column(html.pk) == "<p>이미 HTML</p>"
