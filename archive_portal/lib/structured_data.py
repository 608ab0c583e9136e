"""schema.org data for JSON-LD: the parts the apps share, and the home page's WebSite.

A view puts a builder's dict in its context as `structured_data`; `base.html` writes it with
`{% json_ld %}` (escaped so no value can end the <script> element). Builders take the request
for absolute URLs and read only what the view has already loaded: no query of their own.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive_portal.licences import licence_info
from archive_portal.templatetags.portal import share_image_url

SCHEMA_ORG = "https://schema.org"
SEOUL_METROPOLITAN_GOVERNMENT_URL = "https://www.seoul.go.kr"


def iso(value):
    """A date as YYYY-MM-DD, a moment as Seoul time with its offset (2025-11-07T09:00:00+09:00)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def seoul_metropolitan_government():
    return {
        "@type": "GovernmentOrganization",
        "name": _("Seoul Metropolitan Government"),
        "url": SEOUL_METROPOLITAN_GOVERNMENT_URL,
    }


def seoul():
    return {
        "@type": "Place",
        "name": "Seoul",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Seoul",
            "addressCountry": "KR",
        },
    }


def image(request, file=None):
    """An item's own image (a FileField's file) or the site's default share image."""
    return share_image_url(request, file)


def website(request):
    """The home page: the site, and its search as a SearchAction (/<lang>/search/?q=…)."""
    search_url = request.build_absolute_uri(reverse("search:index"))
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": str(settings.SITE_NAME),
        "url": request.build_absolute_uri(reverse("home")),
        "inLanguage": get_language(),
        "publisher": seoul_metropolitan_government(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def add_license(data, code, request):
    """schema.org `license`: the licence's terms, or this site's terms page for works the city
    cannot license (it says whom to ask)."""
    info = licence_info(code)
    data["license"] = info.terms_url or request.build_absolute_uri(reverse("terms"))
    return data
