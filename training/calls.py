"""Opening a call for nominations until a given date: for staff re-opening or extending a call,
and for a newcomer who wants to try the nomination form on the seeded (closed) calls.

Used by `manage.py open_call` and the programme admin's "Open for nominations until…" action.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from archive_portal.lib.timezone import SEOUL, seoul_today

END_OF_DAY = datetime.time(23, 59, 59)


def deadline_for(until):
    """The end of `until` (a date) in Seoul: the deadline the admin gives a date without a time."""
    return datetime.datetime.combine(until, END_OF_DAY, tzinfo=SEOUL)


def programme_open_until(*, programme, until):
    """Publish the programme and accept nominations from now until the end of `until` (Seoul).
    Returns the list of fields changed (empty when it already was so: running twice changes
    nothing the second time)."""
    if until < seoul_today():
        raise ValidationError(_("The date %(date)s has passed.") % {"date": until.isoformat()})
    changes = {
        "is_published": True,
        "applications_open_at": None,  # open now: from publication until the deadline
        "application_deadline": deadline_for(until),
    }
    changed = [field for field, value in changes.items() if getattr(programme, field) != value]
    for field in changed:
        setattr(programme, field, changes[field])
    if changed:
        programme.save(update_fields=changed)
    return changed
