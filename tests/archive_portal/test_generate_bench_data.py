"""generate_bench_data: benchmark rows made of the seed content, topped up idempotently."""

import pytest
from django.core.management import call_command

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
    # Their text is the seeds' sentences: searchable words, not placeholders.
    assert bench_news.filter(search_text__contains="서울").exists()

    links = Publication.sectors.through.objects.count()
    call_command("generate_bench_data", news=30, publications=12, verbosity=0)
    assert bench_news.count() == 30
    assert Publication.sectors.through.objects.count() == links
