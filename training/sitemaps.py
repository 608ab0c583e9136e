"""Programme pages for sitemap.xml. Nominations never appear here (they have no public page)."""

from archive_portal.sitemaps import I18nSitemap
from training.models import Programme


class ProgrammeSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.6
    lastmod_field = "updated_at"
    url_name = "training:detail"

    def items(self):
        return Programme.objects.published().order_by("-application_deadline", "pk")
