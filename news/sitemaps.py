from archive_portal.sitemaps import I18nSitemap
from news.models import NewsItem


class NewsSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            NewsItem.objects.published().order_by("-published_at", "-pk").only("slug", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at
