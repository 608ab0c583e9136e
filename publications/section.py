"""What the publications app plugs into the shared pages (archive_portal.sections): its search
source and topics, sitemaps, landing pages, home block, seed content, staff permissions and
benchmark rows."""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.groups import ALL, EDITORS
from archive_portal.lib.timezone import seoul_midnight
from archive_portal.media import Files
from archive_portal.search import Source
from archive_portal.sections import BenchData, HomeBlock, MailingList, Section
from publications import bench, seed
from publications.models import Publication, Sector, Status
from publications.selectors import (
    admin_attention,
    announcements,
    goal_items,
    home_block,
    sector_topics,
)
from publications.sitemaps import PublicationPagesSitemap, PublicationSitemap
from publications.uploads import IMAGE_TYPES


def search_topics():
    """The publication sectors that have published items, offered as topics on the empty search
    page with their number of items (a topic that leads to an empty list is left out)."""
    published = Publication.objects.published().values("pk")
    sectors = Sector.objects.annotate(
        item_count=Count("publications", filter=Q(publications__in=published))
    ).order_by(*Sector._meta.ordering)  # an aggregate drops Meta.ordering
    return {"sectors": [sector for sector in sectors if sector.item_count]}


def next_change(now):
    """Midnight (Seoul) of the next publication dated in the future: it appears then."""
    scheduled = Publication.objects.filter(
        status=Status.PUBLISHED, published_on__gt=timezone.localdate(now)
    )
    day = scheduled.order_by("published_on").values_list("published_on", flat=True).first()
    return seoul_midnight(day) if day else None


section = Section(
    key="publications",
    search_sources=(
        Source(
            key="publications",
            label=_("Publications & policy cases"),
            model="publications.Publication",
            title_field="title",
            fields=["title", "summary", "body"],
            extra_fields=("attachments__title",),
            date_field="published_on",
            summary_fields=["summary", "body"],
            heavy_fields=("body",),
            order=(F("published_on").desc(nulls_last=True), "-id"),  # publication_published_idx
            suggests=True,
            goal_lookup="goals__code",
        ),
    ),
    search_topics=search_topics,
    sitemaps={"publications": PublicationSitemap, "publication-pages": PublicationPagesSitemap},
    landing_pages=("publications:index",),
    home_block=HomeBlock("publications/_home_block.html", home_block),
    seed_loader=("publications", seed.load),
    seed_links=("publications' SDG goals", seed.load_goal_links),
    goal_items=goal_items,
    group_permissions={
        EDITORS: {
            "publications": {
                "publication": ALL,
                "attachment": ALL,
                "sector": ALL,
                # Old addresses are made by a slug change: seen, and removed when wrong.
                "previousslug": ("view", "delete"),
            }
        }
    },
    bench_data=(
        BenchData(
            "publications",
            20_000,
            Publication,
            bench.make_row,
            after=bench.assign_sectors,
            copy_links=("goals", "projects"),
        ),
    ),
    files=(
        Files(
            prefix="publications/files/",
            model="publications.Attachment",
            field="file",
            public=lambda rows: rows.filter(publication__in=Publication.objects.published()),
            download_name=lambda attachment: attachment.original_name or None,
        ),
        Files(
            prefix="publications/covers/",
            model="publications.Publication",
            field="cover_image",
            public=lambda rows: rows.published(),
            inline=IMAGE_TYPES,
        ),
    ),
    admin_attention=admin_attention,
    public_models=(
        "publications.Publication",
        "publications.Attachment",
        "publications.Sector",
        "publications.PreviousSlug",  # an old address redirects; removed, it answers 404
    ),
    next_change=next_change,
    mailing_lists=(
        MailingList(
            key="publications",
            label=_("Publications & policy cases"),
            announcements=announcements,
            topics=sector_topics,
            topics_label=_("Publications and policy cases in these sectors (optional)"),
        ),
    ),
)
