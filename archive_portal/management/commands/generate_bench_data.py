"""Fill the database with benchmark volumes: by default 100,000 news items and 20,000
publications (each section names its models, counts and row makers in its Section's
`bench_data`, archive_portal.sections).

The rows recombine sentences of the real seed content (run `load_seed_content` first), so search
and list pages meet realistic Korean and English text. For benchmark databases only: every row's
slug starts with `bench-`, and running it again only tops the tables up to the requested counts.
"""

import itertools
import random
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from archive_portal import pagecache, sections

BATCH = 2000


def _sentences(texts):
    sentences = []
    for text in texts:
        for sentence in re.split(r"(?<=[.다])\s+", re.sub(r"<[^>]+>", " ", text or "")):
            sentence = " ".join(sentence.split())
            if 20 <= len(sentence) <= 300:
                sentences.append(sentence)
    return sentences


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
        with transaction.atomic():
            for bench, model, seeded, existing, missing in plans:
                numbers = itertools.count(existing + 1)
                while missing > 0:
                    size = min(BATCH, missing)
                    rows = [
                        bench.make_row(next(numbers), rng.choice(seeded), rng, text, title, now)
                        for _ in range(size)
                    ]
                    model.objects.bulk_create(rows)
                    missing -= size
            for bench, *_ in plans:
                if bench.after:
                    bench.after(rng)
            pagecache.content_changed()  # bulk_create sends no signal
        self.stdout.write(self.style.SUCCESS("benchmark data ready"))
