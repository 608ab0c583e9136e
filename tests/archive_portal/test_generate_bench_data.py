"""generate_bench_data: benchmark rows made of the seed content, topped up idempotently."""

import pytest
from django.core.management import call_command
from django.db import connection

from archive_portal.management.commands import generate_bench_data
from news.models import NewsItem
from publications.models import Publication

pytestmark = pytest.mark.django_db


def test_benchmark_rows_recombine_the_seeds_and_are_topped_up_once():
    call_command("load_seed_content", verbosity=0)
    call_command("generate_bench_data", news=30, publications=12, verbosity=0)
    bench_news = NewsItem.objects.filter(slug__startswith="bench-")
    bench_publications = Publication.objects.filter(slug__startswith="bench-")
    assert bench_news.count() == 30
    assert bench_publications.count() == 12
    # Every benchmark publication is filed under one to three sectors, like the real ones.
    for publication in bench_publications.prefetch_related("sectors"):
        assert 1 <= len(publication.sectors.all()) <= 3
        assert publication.sector_ids == sorted(s.pk for s in publication.sectors.all())
    # Their text is the seeds' sentences: searchable words, not placeholders, in HTML
    # paragraphs as the admin's editor writes them.
    assert bench_news.filter(search_text__contains="서울").exists()
    for body in bench_news.values_list("body", flat=True):
        assert body.startswith("<p>") and body.endswith("</p>")
        assert body.count("<p>") == 4  # 12 sentences, 3 a paragraph
    # Each row copies the SDG goals of the seeded item it was made from: the goal sets of the
    # benchmark rows are seeded items' goal sets, and tagged rows exist.
    for model, rows in ((NewsItem, bench_news), (Publication, bench_publications)):
        seeded_sets = {
            frozenset(row.goals.all())
            for row in model.objects.exclude(slug__startswith="bench-").prefetch_related("goals")
        }
        bench_sets = {frozenset(row.goals.all()) for row in rows.prefetch_related("goals")}
        assert bench_sets <= seeded_sets
        assert any(bench_sets)

    links = Publication.sectors.through.objects.count()
    call_command("generate_bench_data", news=30, publications=12, verbosity=0)
    assert bench_news.count() == 30
    assert Publication.sectors.through.objects.count() == links


def _gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE tablename IN "
            "('news_newsitem', 'publications_publication') AND indexdef LIKE '%USING gin%'"
        )
        return set(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_large_load_is_written_by_two_connections_and_builds_the_search_indexes_again(
    monkeypatch,
):
    """From REBUILD_INDEXES_FROM rows the GIN indexes are dropped for the load and built again
    at the end (all there afterwards, answering for the new rows), and batches are written by
    two connections at once (committed data: this test's transaction is real)."""
    monkeypatch.setattr(generate_bench_data, "REBUILD_INDEXES_FROM", 10)
    monkeypatch.setattr(generate_bench_data, "BATCH", 4)
    call_command("load_seed_content", verbosity=0)
    before = _gin_indexes()
    assert len(before) == 12  # six search-column indexes on each table
    call_command("generate_bench_data", news=20, publications=6, workers=2, verbosity=0)
    assert _gin_indexes() == before
    bench_news = NewsItem.objects.filter(slug__startswith="bench-")
    assert sorted(bench_news.values_list("slug", flat=True)) == sorted(
        f"bench-{n}" for n in range(1, 21)
    )
    assert bench_news.filter(search_text__contains="서울").exists()
    assert NewsItem.goals.through.objects.filter(newsitem__slug__startswith="bench-").exists()
    # Indexes an interrupted load left out are built by the next run, which adds what is
    # missing after the highest number.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX news_search_trgm")
        cursor.execute(
            "DELETE FROM news_newsitem_goals WHERE newsitem_id IN (SELECT id FROM news_newsitem WHERE slug = 'bench-3')"
        )
        cursor.execute("DELETE FROM news_newsitem WHERE slug = 'bench-3'")
    call_command("generate_bench_data", news=20, publications=6, verbosity=0)
    assert _gin_indexes() == before
    assert bench_news.count() == 20
    assert bench_news.filter(slug="bench-21").exists()
