from django.urls import reverse

from archive_portal.sitemaps import I18nSitemap
from publications.models import Publication


class PublicationSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        # Only what the URL and lastmod need: the bodies are large.
        return Publication.objects.published().newest_first().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class PublicationPagesSitemap(I18nSitemap):
    """The policy-cases page, which the shared list of section pages does not name."""

    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["publications:policy_cases"]

    def location(self, item):
        return reverse(item)
