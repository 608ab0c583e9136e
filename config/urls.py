"""The root URLs: the one place (with settings.py) that wires the apps together. Public pages are
language-prefixed (/ko/…, /en/…); see the URL map in docs/DEVELOPING.md."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from archive_portal import media, sitemaps, views
from archive_portal.pagecache import language_independent

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", language_independent(views.robots_txt), name="robots_txt"),
    # A sitemap index (robots.txt names it) and one sitemap per section, paginated (?p=2 …),
    # in the page cache like every public page.
    path(
        "sitemap.xml",
        language_independent(sitemaps.index),
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        language_independent(sitemaps.section),
        name="sitemap_section",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    # Uploaded files: served only while their item is public (archive_portal/media.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.media, name="media"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("archive_portal.info_urls")),
    path("search/", include("archive_portal.search_urls")),
    path("news/", include("news.urls")),
    path("publications/", include("publications.urls")),
    path("training/", include("training.urls")),
    path("sdg/", include("sdg_plan.urls")),
    prefix_default_language=True,
)

handler500 = "archive_portal.views.server_error"
