"""Fill the database with benchmark volumes: by default 100,000 news items and 20,000
publications (each section names its models, counts and row makers in its Section's
`bench_data`, archive_portal.sections).

The rows recombine sentences of the real seed content (run `load_seed_content` first), so search
and list pages meet realistic Korean and English text. For benchmark databases only: every row's
slug starts with `bench-`, and running it again only tops the tables up to the requested counts.

Run it after `migrate` (scripts/bench.sh does), so that no data migration meets these rows.
Writing a row costs PostgreSQL its generated search columns and six GIN index entries
(archive_portal.lib.search_document), a few milliseconds each, so the load is arranged for it:
- the rows are made in this process (the same rows on every machine) and written in batches
  (bulk_create, one INSERT per BATCH rows) by `--workers` database connections at once (one
  backend computes on one core);
- on a large top-up (REBUILD_INDEXES_FROM rows or more) the GIN indexes are dropped first and
  built once at the end: one GIN insert per row took half of the load's time, a build from
  scratch a small part of it.
Each batch commits on its own: a load that fails keeps the rows written so far (the indexes are
built again in any case; a later run also builds any that are missing) and the next run tops up.
A small top-up (the tests) runs in one transaction on this connection.
"""

import itertools
import random
import re
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.contrib.postgres.indexes import GinIndex
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr
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


def _gin_indexes(models):
    return [
        (model, index)
        for model in models
        for index in model._meta.indexes
        if isinstance(index, GinIndex)
    ]


def _existing_indexes(models):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)",
            [[model._meta.db_table for model in models]],
        )
        return {name for (name,) in cursor.fetchall()}


def _drop_gin_indexes(models):
    existing = _existing_indexes(models)
    with transaction.atomic(), connection.schema_editor() as editor:
        for model, index in _gin_indexes(models):
            if index.name in existing:
                editor.remove_index(model, index)


def _build_missing_gin_indexes(models, workers=0):
    """Create the GIN indexes of `models` that do not exist (all of them after a load; any an
    interrupted load left out), the body's first (the longest builds). With `workers`, that
    many connections build at once (PostgreSQL 15 builds a GIN index on one core; two builds on
    one table do not block each other)."""
    existing = _existing_indexes(models)
    missing = [
        (model, index) for model, index in _gin_indexes(models) if index.name not in existing
    ]
    missing.sort(key=lambda pair: "search" not in pair[1].name)  # stable: body columns first

    def build(pair):
        model, index = pair
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                with connection.schema_editor() as editor:
                    editor.add_index(model, index)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()  # this thread's own connection

    if workers and len(missing) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(build, missing))
    else:
        for pair in missing:
            build(pair)


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
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="Database connections writing at once on a large load (default 2).",
        )

    def handle(self, *args, dry_run=False, **options):
        plans = []
        for bench in sections.bench_data():
            model = bench.model
            seeded = list(model.objects.exclude(slug__startswith="bench-"))
            if not seeded:
                raise CommandError("Load the seed content first: manage.py load_seed_content")
            bench_rows = model.objects.filter(slug__startswith="bench-")
            # Numbers go on from the highest (an interrupted parallel load may leave gaps).
            last = bench_rows.aggregate(
                n=Max(Cast(Substr("slug", len("bench-") + 1), IntegerField()))
            )["n"]
            missing = max(0, options[bench.option] - bench_rows.count())
            plans.append((bench, model, seeded, last or 0, missing))
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
        models = [model for _, model, *_ in plans]
        _build_missing_gin_indexes(models)  # an earlier load that was interrupted
        total = sum(missing for *_, missing in plans)
        if total < REBUILD_INDEXES_FROM:
            with transaction.atomic():
                for plan in plans:
                    self._load(plan, rng, text, title, now, workers=0)
                self._after(plans, rng)
        else:
            _drop_gin_indexes(models)
            try:
                for plan in plans:
                    self._load(plan, rng, text, title, now, workers=options["workers"])
                with transaction.atomic():
                    self._after(plans, rng)
            finally:
                self.stdout.write("building the search indexes")
                _build_missing_gin_indexes(models, workers=options["workers"])
        self.stdout.write(self.style.SUCCESS("benchmark data ready"))

    def _load(self, plan, rng, text, title, now, *, workers):
        """Make the plan's rows here, in order; write each batch (with the links it copies from
        its templates) on this connection (`workers` 0) or on `workers` connections at once."""
        bench, model, seeded, last, missing = plan
        if not missing:
            return
        links = _links_of(model, seeded, bench.copy_links)
        numbers = itertools.count(last + 1)

        def write(pairs):
            try:
                with transaction.atomic():
                    model.objects.bulk_create([row for row, _ in pairs])  # sets the pks
                    _copy_links(model, pairs, links, bench.copy_links)
            finally:
                if workers and threading.current_thread() is not threading.main_thread():
                    connection.close()  # this thread's own connection

        added = 0
        pending = deque()
        pool = ThreadPoolExecutor(max_workers=workers) if workers else None
        try:
            while added < missing:
                pairs = []
                for _ in range(min(BATCH, missing - added)):
                    template = rng.choice(seeded)
                    pairs.append(
                        (bench.make_row(next(numbers), template, rng, text, title, now), template)
                    )
                added += len(pairs)
                if pool is None:
                    write(pairs)
                else:
                    pending.append(pool.submit(write, pairs))
                    while len(pending) > 2 * workers:  # a bounded number of batches in memory
                        pending.popleft().result()
                if added == missing or added % 20_000 == 0:
                    self.stdout.write(f"{bench.option}: {added:,} made")
            while pending:
                pending.popleft().result()
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self.stdout.write(f"{bench.option}: {added:,} written")

    def _after(self, plans, rng):
        for bench, *_ in plans:
            if bench.after:
                bench.after(rng)
        pagecache.content_changed()  # bulk_create sends no signal
