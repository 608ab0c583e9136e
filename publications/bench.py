"""Benchmark rows of publications for `generate_bench_data`
(archive_portal.sections.BenchData)."""

from datetime import timedelta

from archive_portal.sections import bench_paragraphs
from publications.models import Publication, Sector
from publications.signals import refresh_sector_ids

BATCH = 2000


def make_row(number, template, rng, text, title, now):
    return Publication(
        kind=template.kind,
        title=f"{title()[:200]} ({number})",
        slug=f"bench-{number}",
        summary=text(2),
        body=bench_paragraphs(text, 10),
        publisher=template.publisher,
        published_on=(now - timedelta(hours=number * 5)).date(),
        language=template.language,
        status=template.status,
    )


def assign_sectors(rng):
    """One to three sectors for each benchmark publication that has none, as staff would
    file them: the finder's sector facet then counts as many links as on a full archive."""
    sectors = list(Sector.objects.values_list("id", flat=True))
    if not sectors:
        return
    through = Publication.sectors.through
    bare = Publication.objects.filter(slug__startswith="bench-", sectors__isnull=True)
    bare_ids = list(bare.order_by("id").values_list("id", flat=True))
    links = [
        through(publication_id=publication_id, sector_id=sector_id)
        for publication_id in bare_ids
        for sector_id in rng.sample(sectors, rng.randint(1, min(3, len(sectors))))
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    refresh_sector_ids(bare_ids)  # bulk_create sends no m2m signal
