"""Read-only queries of the training app, used by its views and by other parts of the portal."""

from django.utils import timezone

from training.models import Programme

HOME_LIMIT = 3


def programme_list(now=None):
    """Published programmes split by status, open first: one query whatever their number."""
    now = now or timezone.now()
    groups = {status: [] for status in Programme.Status}
    for programme in Programme.objects.published():
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
    none, the latest closed ones. One query."""
    now = now or timezone.now()
    latest = list(Programme.objects.published().order_by("-application_deadline")[:12])
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
