"""The information pages: /<lang>/about/, privacy/, accessibility/, terms/, contact/, and each
page's earlier versions by date (/<lang>/privacy/2026-12-01/). The URL names are the page kinds."""

from django.urls import path, re_path

from archive_portal import views
from archive_portal.models import PageKind

urlpatterns = []
for kind in PageKind.values:
    urlpatterns += [
        path(f"{kind}/", views.info_page, {"kind": kind}, name=kind),
        re_path(
            rf"^{kind}/(?P<effective_on>\d{{4}}-\d{{2}}-\d{{2}})/$",
            views.info_page,
            {"kind": kind},
            name=f"{kind}_version",
        ),
    ]
