"""sitemap.xml: every public page in both languages, with hreflang alternates.

Apps register their sitemap classes in SITEMAPS below (one line each).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class I18nSitemap(Sitemap):
    """Lists every item once per language (/ko/…, /en/…) with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "home",
            "about",
            "news:index",
            "publications:index",
            "training:index",
            "sdg_plan:index",
        ]

    def location(self, item):
        return reverse(item)


# App sitemaps subclass I18nSitemap above, so they are imported after it.
from news.sitemaps import NewsSitemap  # noqa: E402
from publications.sitemaps import PublicationPagesSitemap, PublicationSitemap  # noqa: E402
from sdg_plan.sitemaps import SITEMAPS as SDG_SITEMAPS  # noqa: E402
from training.sitemaps import ProgrammeSitemap  # noqa: E402

SITEMAPS = {
    "pages": StaticPagesSitemap,
    "training": ProgrammeSitemap,
    "publications": PublicationSitemap,
    "publication-pages": PublicationPagesSitemap,
    "news": NewsSitemap,
    **SDG_SITEMAPS,
}
