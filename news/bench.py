"""Benchmark rows of news items for `generate_bench_data`
(archive_portal.sections.BenchData)."""

from datetime import timedelta

from archive_portal.sections import bench_paragraphs
from news.models import NewsItem


def make_row(number, template, rng, text, title, now):
    return NewsItem(
        title=f"{title()[:150]} ({number})",
        slug=f"bench-{number}",
        category=template.category,
        summary=text(2),
        body=bench_paragraphs(text, 12),
        author=template.author,
        source_name=template.source_name,
        source_url=template.source_url,
        published_at=now - timedelta(minutes=number * 7),
        language=template.language,
        status=template.status,
    )
