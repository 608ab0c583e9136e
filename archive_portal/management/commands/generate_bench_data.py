"""Fill the database with benchmark volumes: by default 100,000 news items and 20,000
publications (each section names its models, counts and row makers in its Section's
`bench_data`, archive_portal.sections).

The rows recombine sentences of the real seed content (run `load_seed_content` first), so search
and list pages meet realistic Korean and English text. For benchmark databases only: every row's
slug starts with `bench-`, and running it again only tops the tables up to the requested counts.

Run it after `migrate` (scripts/bench.sh does), so that no data migration meets these rows. It
writes in batches (bulk_create, one INSERT per BATCH rows). On a large top-up the models' GIN
indexes (the search columns', archive_portal.lib.search_document) are dropped for the load and
built again at the end, in the same transaction: one GIN insert per row took half of the load's
time, a build from scratch takes seconds.
"""

import itertools
import random
import re
from contextlib import contextmanager

from django.contrib.postgres.indexes import GinIndex
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from archive_portal import pagecache, sections

BATCH = 2000
REBUILD_INDEXES_FROM = 5000  # rows to add from which the GIN indexes are rebuilt, not updated


def _sentences(texts):
    sentences = []
    for text in texts:
        for sentence in re.split(r"(?<=[.다])\s+", re.sub(r"<[^>]+>", " ", text or "")):
            sentence = " ".join(sentence.split())
            if 20 <= len(sentence) <= 300:
                sentences.append(sentence)
    return sentences


@contextmanager
def _gin_indexes_rebuilt(models):
    """Drop the GIN indexes of `models`, run the block, create them again (inside the caller's
    transaction: an error rolls the drop back too)."""
    indexes = [
        (model, index)
        for model in models
        for index in model._meta.indexes
        if isinstance(index, GinIndex)
    ]
    with connection.schema_editor() as editor:
        for model, index in indexes:
            editor.remove_index(model, index)
    yield
    with connection.cursor() as cursor:
        # The new rows' deferred foreign-key checks run now: PostgreSQL builds no index on a
        # table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    with connection.schema_editor() as editor:
        for model, index in indexes:
            editor.add_index(model, index)


def _links_of(model, rows, names):
    """{row pk: {name: [target ids]}} of the many-to-many fields `names` of `rows`."""
    links = {row.pk: {name: [] for name in names} for row in rows}
    for name in names:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = through.objects.filter(**{f"{source}__in": list(links)}).values_list(
            f"{source}_id", f"{target}_id"
        )
        for row_id, target_id in pairs:
            links[row_id][name].append(target_id)
    return links


def _copy_links(model, pairs, links, names):
    """Give each new row (saved, with its pk) the links of `names` of its template."""
    for name in names:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": row.pk, f"{target}_id": target_id})
                for row, template in pairs
                for target_id in links[template.pk][name]
            ],
            batch_size=BATCH,
        )


class Command(BaseCommand):
    help = "Generate benchmark rows (news, publications) from the seed content. Idempotent top-up."

    def add_arguments(self, parser):
        for bench in sections.bench_data():
            parser.add_argument(f"--{bench.option}", type=int, default=bench.default)
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be added.")

    def handle(self, *args, dry_run=False, **options):
        plans = []
        for bench in sections.bench_data():
            model = bench.model
            seeded = list(model.objects.exclude(slug__startswith="bench-"))
            if not seeded:
                raise CommandError("Load the seed content first: manage.py load_seed_content")
            existing = model.objects.filter(slug__startswith="bench-").count()
            plans.append((bench, model, seeded, existing, max(0, options[bench.option] - existing)))
        self.stdout.write(
            "; ".join(f"{bench.option}: {missing} to add" for bench, *_, missing in plans)
        )
        if dry_run:
            return
        rng = random.Random(20201231)  # the same rows on every machine
        sentences = _sentences(
            getattr(row, bench.text_field) for bench, _, seeded, *_ in plans for row in seeded
        )
        titles = [
            getattr(row, bench.title_field) for bench, _, seeded, *_ in plans for row in seeded
        ]

        def text(n):
            return " ".join(rng.choice(sentences) for _ in range(n))

        def title():
            return rng.choice(titles)

        now = timezone.now()
        large = sum(missing for *_, missing in plans) >= REBUILD_INDEXES_FROM
        rebuilt = [model for _, model, *_ in plans] if large else []
        with transaction.atomic(), _gin_indexes_rebuilt(rebuilt):
            for bench, model, seeded, existing, missing in plans:
                links = _links_of(model, seeded, bench.copy_links)
                numbers = itertools.count(existing + 1)
                while missing > 0:
                    pairs = []
                    for _ in range(min(BATCH, missing)):
                        template = rng.choice(seeded)
                        row = bench.make_row(next(numbers), template, rng, text, title, now)
                        pairs.append((row, template))
                    model.objects.bulk_create([row for row, _ in pairs])  # sets the pks
                    _copy_links(model, pairs, links, bench.copy_links)
                    missing -= len(pairs)
                    added = options[bench.option] - existing - missing
                    if missing == 0 or added % 20_000 == 0:
                        self.stdout.write(f"{bench.option}: {added:,} added")
            for bench, *_ in plans:
                if bench.after:
                    bench.after(rng)
            pagecache.content_changed()  # bulk_create sends no signal
        self.stdout.write(self.style.SUCCESS("benchmark data ready"))
