from django.db.models.functions import Greatest

from archive_portal.sitemaps import I18nSitemap
from news.models import NewsItem


class NewsSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6
    # A scheduled item appears on the site at published_at, which can be after its last edit.
    lastmod_field = "last_changed"
    url_name = "news:detail"
    latest_lastmod_from = (
        "updated_at",
        "published_at",
    )  # news_updated_at_idx, news_published_at_idx

    def items(self):
        # In primary-key order: OFFSET walks the primary key's index (no sort of every row), and
        # a new item lands on the last page instead of shifting every cached page.
        return (
            NewsItem.objects.published()
            .annotate(last_changed=Greatest("updated_at", "published_at"))
            .order_by("pk")
        )
