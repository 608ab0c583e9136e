"""What a section's MailingList announces (archive_portal.sections; sent by training's
send_subscriptions): the rule for items dated by a day, shared by publications and calls."""

from django.db.models import Q
from django.utils import timezone

from archive_portal.lib.timezone import seoul_midnight
from archive_portal.sections import Announcement


def dated_announcements(rows, *, key, start, end, topics=lambda row: (), date_field="published_on"):
    """Announcements of `rows` (already only what the public sees) dated in the window (or,
    undated, created in it), public since the later of their day (midnight in Seoul) and their
    creation, that moment in (start, end]. One query. `key` names the model ("app.model"),
    `topics(row)` the row's topic values."""
    rows = rows.filter(created_at__lte=end).filter(
        Q(**{f"{date_field}__gte": timezone.localdate(start)})
        | Q(**{f"{date_field}__isnull": True}, created_at__gt=start)
    )
    found = []
    for row in rows:
        day = getattr(row, date_field)
        public_since = max(seoul_midnight(day), row.created_at) if day else row.created_at
        if start < public_since <= end:
            found.append(
                Announcement(
                    key=f"{key}:{row.pk}",
                    topics=frozenset(topics(row)),
                    item=row,
                    public_since=public_since,
                )
            )
    return found
