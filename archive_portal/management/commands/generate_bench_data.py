"""Fill the database with benchmark volumes: 100,000 news items and 20,000 publications.

The rows recombine sentences of the real seed content (run `load_seed_content` first), so search
and list pages meet realistic Korean and English text. For benchmark databases only: every row's
slug starts with `bench-`, and running it again only tops the tables up to the requested counts.
"""

import itertools
import random
import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from news.models import NewsItem
from publications.models import Publication, Sector
from publications.signals import refresh_sector_ids

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
        parser.add_argument("--news", type=int, default=100_000)
        parser.add_argument("--publications", type=int, default=20_000)
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be added.")

    def handle(self, *args, news, publications, dry_run=False, **options):
        seed_news = list(NewsItem.objects.exclude(slug__startswith="bench-"))
        seed_publications = list(Publication.objects.exclude(slug__startswith="bench-"))
        if not seed_news or not seed_publications:
            raise CommandError("Load the seed content first: manage.py load_seed_content")
        missing_news = max(0, news - NewsItem.objects.filter(slug__startswith="bench-").count())
        missing_pubs = max(
            0, publications - Publication.objects.filter(slug__startswith="bench-").count()
        )
        self.stdout.write(f"news: {missing_news} to add; publications: {missing_pubs} to add")
        if dry_run:
            return
        rng = random.Random(20201231)  # the same rows on every machine
        sentences = _sentences([n.body for n in seed_news] + [p.body for p in seed_publications])
        titles = [n.title for n in seed_news] + [p.title for p in seed_publications]
        now = timezone.now()
        with transaction.atomic():
            self._create(
                NewsItem, missing_news, seed_news, rng, sentences, titles, now, self._news_row
            )
            self._create(
                Publication,
                missing_pubs,
                seed_publications,
                rng,
                sentences,
                titles,
                now,
                self._publication_row,
            )
            self._assign_sectors(rng)
        self.stdout.write(self.style.SUCCESS("benchmark data ready"))

    @staticmethod
    def _assign_sectors(rng):
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

    def _create(self, model, count, templates, rng, sentences, titles, now, make_row):
        start = model.objects.filter(slug__startswith="bench-").count()
        counter = itertools.count(start + 1)
        remaining = count
        while remaining > 0:
            size = min(BATCH, remaining)
            rows = [
                make_row(next(counter), rng.choice(templates), rng, sentences, titles, now)
                for _ in range(size)
            ]
            model.objects.bulk_create(rows)
            remaining -= size

    @staticmethod
    def _text(rng, sentences, n):
        return " ".join(rng.choice(sentences) for _ in range(n))

    def _news_row(self, number, template, rng, sentences, titles, now):
        return NewsItem(
            title=f"{rng.choice(titles)[:150]} ({number})",
            slug=f"bench-{number}",
            category=template.category,
            summary=self._text(rng, sentences, 2),
            body=self._text(rng, sentences, 12),
            author=template.author,
            source_name=template.source_name,
            source_url=template.source_url,
            published_at=now - timedelta(minutes=number * 7),
            language=template.language,
            status=template.status,
        )

    def _publication_row(self, number, template, rng, sentences, titles, now):
        return Publication(
            kind=template.kind,
            title=f"{rng.choice(titles)[:200]} ({number})",
            slug=f"bench-{number}",
            summary=self._text(rng, sentences, 2),
            body=self._text(rng, sentences, 10),
            publisher=template.publisher,
            published_on=(now - timedelta(hours=number * 5)).date(),
            language=template.language,
            status=template.status,
        )
