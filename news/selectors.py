"""Read-only queries of the news app used by other parts of the portal."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.attention import scheduled_and_drafts, stale_draft_cutoff
from archive_portal.sections import Announcement, LinkedItems
from news.models import NewsItem, Status

HOME_BLOCK_SIZE = 5
GOAL_ITEMS = 6


def home_block():
    """Context for templates/news/_home_block.html: the latest published items, pinned first.

    One query, whatever the number of items.
    """
    items = (
        NewsItem.objects.published()
        .for_listing()
        .only("title", "slug", "category", "published_at", "pinned", "language")[:HOME_BLOCK_SIZE]
    )
    return {"items": list(items)}


def admin_attention(user):
    """The admin home's lines for news: items scheduled to appear, drafts older than a month."""
    cutoff = stale_draft_cutoff()
    return scheduled_and_drafts(
        user,
        model=NewsItem,
        group=_("News"),
        scheduled=Q(status=Status.PUBLISHED, published_at__gt=timezone.now()),
        drafts=Q(status=Status.DRAFT, updated_at__lt=cutoff),
        scheduled_params={"visibility": "scheduled"},
        draft_params={"status__exact": Status.DRAFT, "updated_at__lt": cutoff.isoformat()},
    )


def goal_items(goal):
    """The news tagged with an SDG goal, newest first, for the goal's page (one query)."""
    through = NewsItem.goals.through.objects.filter(goal_id=goal.pk)
    items = (
        NewsItem.objects.published()
        .filter(pk__in=through.values("newsitem_id"))
        .order_by("-published_at", "-pk")
        .only("title", "slug", "category", "published_at", "language")[:GOAL_ITEMS]
    )
    return [LinkedItems("news", _("News"), list(items))]


def announcements(start, end):
    """The news items for email subscribers (archive_portal.sections.MailingList): public now,
    dated in (start, end] and public since then (the later of the date and the creation), by
    category. One query."""
    items = (
        NewsItem.objects.published()
        .filter(published_at__gt=start, published_at__lte=end, created_at__lte=end)
        .only("title_ko", "title_en", "slug", "category", "published_at", "created_at")
        .order_by("published_at", "pk")
    )
    found = []
    for item in items:
        public_since = max(item.published_at, item.created_at)
        if start < public_since <= end:
            found.append(
                Announcement(
                    key=f"news.newsitem:{item.pk}",
                    topics=frozenset([item.category]),
                    item=item,
                    public_since=public_since,
                )
            )
    return found
