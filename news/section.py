"""What the news app plugs into the shared pages (archive_portal.sections): its search source,
sitemap, landing page, home block, seed content, staff permissions and benchmark rows."""

from django.utils.translation import gettext_lazy as _

from archive_portal.groups import ALL, EDITORS
from archive_portal.media import Files
from archive_portal.search import Source
from archive_portal.sections import BenchData, HomeBlock, MailingList, Section
from news import bench, seed
from news.models import IMAGE_TYPES, Category, NewsItem, Status
from news.selectors import admin_attention, announcements, goal_items, home_block
from news.sitemaps import NewsSitemap


def next_change(now):
    """The next scheduled publication: the news pages change then with no edit."""
    scheduled = NewsItem.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
    return scheduled.order_by("published_at").values_list("published_at", flat=True).first()


section = Section(
    key="news",
    search_sources=(
        Source(
            key="news",
            label=_("News"),
            model="news.NewsItem",
            title_field="title",
            fields=["title", "summary", "body"],
            date_field="published_at",
            summary_fields=["summary", "body"],
            heavy_fields=("body",),
            order=("-pinned", "-published_at", "-pk"),  # news_status_listing_idx
            suggests=True,
            goal_lookup="goals__code",
        ),
    ),
    sitemaps={"news": NewsSitemap},
    landing_pages=("news:index",),
    home_block=HomeBlock("news/_home_block.html", home_block),
    seed_loader=("news items", seed.load),
    seed_links=("news items' SDG goals", seed.load_goal_links),
    goal_items=goal_items,
    group_permissions={EDITORS: {"news": {"newsitem": ALL, "newsattachment": ALL}}},
    bench_data=(
        BenchData("news", 100_000, NewsItem, bench.make_row, copy_links=("goals", "projects")),
    ),
    files=(
        Files(
            prefix="news/attachments/",
            model="news.NewsAttachment",
            field="file",
            public=lambda rows: rows.filter(news_item__in=NewsItem.objects.published()),
            download_name=lambda attachment: attachment.download_name,
        ),
        Files(
            prefix="news/covers/",
            model="news.NewsItem",
            field="cover_image",
            public=lambda rows: rows.published(),
            inline=IMAGE_TYPES,
        ),
    ),
    admin_attention=admin_attention,
    public_models=("news.NewsItem", "news.NewsAttachment"),
    next_change=next_change,
    mailing_lists=(
        MailingList(
            key="news",
            label=_("News"),
            announcements=announcements,
            topics=lambda: list(Category.choices),
            topics_label=_("News in these categories (optional)"),
        ),
    ),
)
