"""Read-only queries of the training app, used by its views and by other parts of the portal."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.fragments import process_cached
from archive_portal.lib.announcements import dated_announcements
from archive_portal.sections import Attention
from training.models import Nomination, NominationStatus, Programme

WAITING = (NominationStatus.SUBMITTED, NominationStatus.UNDER_REVIEW)

HOME_LIMIT = 3


def published_programmes():
    """{slug: programme} of every published call, in their default order (latest deadline
    first): one query, read once per content generation and process (fragments.process_cached),
    as a programme or schedule change, in any process, advances the generation. A few rows (one
    per call). Shared by the requests of the process: callers must not change them."""
    return process_cached(
        "training-programmes", lambda: {p.slug: p for p in Programme.objects.published()}
    )


def programme_list(now=None):
    """Published programmes split by status, open first: one query whatever their number, none
    while the process has them (published_programmes)."""
    now = now or timezone.now()
    groups = {status: [] for status in Programme.Status}
    for programme in published_programmes().values():
        groups[programme.status_at(now)].append(programme)
    # Open: the nearest deadline first; upcoming: the soonest opening first; closed: newest first.
    groups[Programme.Status.OPEN].sort(key=lambda p: p.application_deadline)
    groups[Programme.Status.UPCOMING].sort(key=lambda p: p.applications_open_at)
    return {
        "open": groups[Programme.Status.OPEN],
        "upcoming": groups[Programme.Status.UPCOMING],
        "closed": groups[Programme.Status.CLOSED],
    }


def home_block(now=None):
    """Context for templates/training/_home_block.html: open and upcoming calls; when there are
    none, the latest closed ones. One query, none while the process has the published calls."""
    now = now or timezone.now()
    latest = list(published_programmes().values())[:12]  # latest deadline first
    current = [p for p in latest if p.status_at(now) != Programme.Status.CLOSED]
    current.sort(key=lambda p: (p.status_at(now) != Programme.Status.OPEN, p.application_deadline))
    closed = [p for p in latest if p.status_at(now) == Programme.Status.CLOSED]
    return {
        "items": current[:HOME_LIMIT],
        "closed": [] if current else closed[:HOME_LIMIT],
        "now": now,
    }


def schedule_rows(items):
    """Schedule rows with the category cell's rowspan, as the calls' tables merge it.

    A row with an empty category continues the category of the row above.
    Returns [(item, rowspan)] where rowspan 0 means "covered by the cell above".
    """
    items = list(items)
    rows = []
    for item in items:
        if item.category or not rows:
            rows.append([item, 1])
        else:
            owner = next(r for r in reversed(rows) if r[1] > 0)
            owner[1] += 1
            rows.append([item, 0])
    return [tuple(r) for r in rows]


def admin_attention(user):
    """The admin home's lines for training: per call, the nominations waiting for a decision
    (submitted or under review), linked to the call's review page. One query."""
    if not user.has_perm("training.change_nomination"):
        return []
    programmes = Programme.objects.annotate(
        waiting=Count("nominations", filter=Q(nominations__status__in=WAITING))
    ).filter(waiting__gt=0)
    return [
        Attention(
            _("Invited training"),
            _("Nominations waiting for review: %(programme)s") % {"programme": programme.title},
            programme.waiting,
            reverse("admin:training_nomination_review", args=[programme.pk]),
        )
        for programme in programmes.order_by("-application_deadline")
    ]


def review(programme):
    """The review page of one call (two queries): how many nominations per status, the quota of
    countries used (selected) and left, and the nominations grouped by country, each country
    with its selected trainees against the trainees allowed per country."""
    nominations = list(
        Nomination.objects.filter(programme=programme)
        .annotate(trainees_total=Count("trainees"))
        .order_by("submitted_at", "pk")
    )
    counts = dict.fromkeys(NominationStatus, 0)
    by_country = {}
    for nomination in nominations:
        counts[NominationStatus(nomination.status)] += 1
        by_country.setdefault(nomination.country.code, []).append(nomination)
    selected = counts[NominationStatus.SELECTED]
    per_country = programme.trainees_per_country
    countries = []
    for group in sorted(by_country.values(), key=lambda group: str(group[0].country.name)):
        chosen = sum(n.trainees_total for n in group if n.status == NominationStatus.SELECTED)
        countries.append(
            {
                "country": group[0].country,
                "nominations": group,
                "selected_trainees": chosen,
                "over_quota": per_country is not None and chosen > per_country,
                "is_selected": any(n.status == NominationStatus.SELECTED for n in group),
            }
        )
    trainees_selected = sum(c["selected_trainees"] for c in countries)
    return {
        "programme": programme,
        "status_counts": [(status, counts[status]) for status in NominationStatus],
        "total": len(nominations),
        "quota": programme.country_quota,
        "used": selected,
        "left": max(programme.country_quota - selected, 0),
        "trainees_per_country": per_country,
        "trainees_selected": trainees_selected,
        "trainees_left": max((programme.total_trainees or 0) - trainees_selected, 0),
        "countries": countries,
    }


def announcements(start, end):
    """The training calls for email subscribers (archive_portal.sections.MailingList), dated by
    the date of the call: archive_portal.lib.announcements' rule for dated items. One query."""
    rows = (
        Programme.objects.published()
        .only("title_ko", "title_en", "slug", "published_on", "created_at")
        .order_by("application_deadline", "pk")
    )
    return dated_announcements(rows, key="training.programme", start=start, end=end)
