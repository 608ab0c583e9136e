from django.db.models import DateTimeField
from django.db.models.functions import Cast, Greatest
from django.urls import reverse

from archive_portal.sitemaps import I18nSitemap
from publications.models import Publication


class PublicationSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6
    # An item dated in the future appears on that date, which can be after its last edit
    # (GREATEST ignores a missing date).
    lastmod_field = "last_changed"
    url_name = "publications:detail"
    # publication_updated_idx, publication_published_idx
    latest_lastmod_from = ("updated_at", "published_on")

    def items(self):
        # The page reads only what the URL and lastmod need (url_name): the bodies are large.
        return (
            Publication.objects.published()
            .annotate(
                last_changed=Greatest(
                    "updated_at", Cast("published_on", output_field=DateTimeField())
                )
            )
            .order_by("pk")  # as NewsSitemap: an index walk, and stable pages
        )


class PublicationPagesSitemap(I18nSitemap):
    """The policy-cases page, which the shared list of section pages does not name."""

    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["publications:policy_cases"]

    def location(self, item):
        return reverse(item)
