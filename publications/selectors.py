"""Read-only queries of the publications app used by other parts of the portal."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.announcements import dated_announcements
from archive_portal.lib.attention import scheduled_and_drafts, stale_draft_cutoff
from archive_portal.sections import LinkedItems
from publications.models import Kind, Publication, Sector, Status

HOME_BLOCK_SIZE = 4
GOAL_ITEMS = 6


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


def _tagged(goal):
    through = Publication.goals.through.objects.filter(goal_id=goal.pk)
    return (
        Publication.objects.published()
        .filter(pk__in=through.values("publication_id"))
        .newest_first()
        .only("title", "slug", "kind", "published_on", "language")
    )


def goal_policy_cases(goal):
    """The policy cases tagged with an SDG goal, for its page (one query)."""
    items = list(_tagged(goal).filter(kind=Kind.POLICY_CASE)[:GOAL_ITEMS])
    more = reverse("publications:policy_cases") + f"?goal={goal.code}"
    return LinkedItems("policy_cases", _("Policy cases"), items, more_url=more)


def goal_publications(goal):
    """The other publications tagged with an SDG goal, for its page (one query)."""
    items = list(_tagged(goal).exclude(kind=Kind.POLICY_CASE)[:GOAL_ITEMS])
    more = reverse("publications:index") + f"?goal={goal.code}"
    return LinkedItems("publications", _("Publications & research"), items, more_url=more)


def goal_items(goal):
    """What the goal page lists from this section: its policy cases, then the other
    publications (two queries)."""
    return [goal_policy_cases(goal), goal_publications(goal)]


def announcements(start, end):
    """The publications for email subscribers (archive_portal.sections.MailingList), by sector:
    archive_portal.lib.announcements' rule for dated items. One query."""
    rows = (
        Publication.objects.published()
        .only("title_ko", "title_en", "slug", "sector_ids", "published_on", "created_at")
        .order_by("published_on", "pk")
    )
    return dated_announcements(
        rows,
        key="publications.publication",
        start=start,
        end=end,
        topics=lambda row: (str(sector) for sector in row.sector_ids),
    )


def sector_topics():
    """The sectors a subscriber may choose: (id, name). One query."""
    return [(str(sector.pk), sector.name) for sector in Sector.objects.all()]
