from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from archive_portal import pagecache
from archive_portal.models import Partner

PARTNERS_CACHE_KEY = "footer-partners"


def _partners():
    # Under the content generation: an edit shows in every process as soon as it reads it.
    key = f"{PARTNERS_CACHE_KEY}:{pagecache.generation_seen()}"
    partners = cache.get(key)
    if partners is None:
        try:
            partners = list(Partner.objects.filter(is_active=True))
        except DatabaseError:  # an outage: pages that can answer without the database still do
            return []
        cache.set(key, partners, 300)
    return partners


def site(request):
    """Site-wide template context: the site's name and the footer's partner organisations.

    The partner list is evaluated lazily (only when the footer renders) and cached, so it adds
    no query to a page in the common case.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "footer_partners": _partners,
    }
