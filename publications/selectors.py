"""Read-only queries of the publications app used by other parts of the portal."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.attention import scheduled_and_drafts, stale_draft_cutoff
from publications.models import Publication, Status

HOME_BLOCK_SIZE = 4


def home_block():
    """Context for templates/publications/_home_block.html on the home page: one query."""
    items = list(
        Publication.objects.published()
        .newest_first()
        .only("title", "slug", "kind", "published_on", "language")[:HOME_BLOCK_SIZE]
    )
    return {"items": items}


def admin_attention(user):
    """The admin home's lines for publications: scheduled ones and drafts older than a month."""
    today = timezone.localdate()
    cutoff = stale_draft_cutoff()
    return scheduled_and_drafts(
        user,
        model=Publication,
        group=_("Publications"),
        scheduled=Q(status=Status.PUBLISHED, published_on__gt=today),
        drafts=Q(status=Status.DRAFT, updated_at__lt=cutoff),
        scheduled_params={"status__exact": Status.PUBLISHED, "published_on__gt": today},
        draft_params={"status__exact": Status.DRAFT, "updated_at__lt": cutoff.isoformat()},
    )
