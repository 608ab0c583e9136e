"""What the admin home lists under "Needs attention" for a content type with drafts and a
publication date: items scheduled to appear, and drafts nobody has changed for a month."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.sections import Attention

STALE_DRAFT_DAYS = 30


def stale_draft_cutoff():
    return timezone.now() - datetime.timedelta(days=STALE_DRAFT_DAYS)


def scheduled_and_drafts(user, *, model, group, scheduled, drafts, scheduled_params, draft_params):
    """Two Attention lines (one query) for staff who may change `model`; none for others.

    `scheduled`/`drafts` are Q conditions, `*_params` the change list's filters showing them."""
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return []
    counts = model._default_manager.aggregate(
        scheduled=Count("pk", filter=scheduled), drafts=Count("pk", filter=drafts)
    )
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return [
        Attention(
            group, _("Scheduled to appear"), counts["scheduled"],
            f"{url}?{urlencode(scheduled_params)}",
        ),
        Attention(
            group,
            _("Drafts not changed for over a month"),
            counts["drafts"],
            f"{url}?{urlencode(draft_params)}",
        ),
    ]  # fmt: skip
