"""The portal's one time zone: Seoul. Deadlines, publication times and "today" are Seoul's,
whatever the server's clock is set to (servers usually run in UTC)."""

import datetime
import zoneinfo

from django.utils import timezone

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def seoul_now():
    """The current time, as an aware datetime in Seoul."""
    return timezone.now().astimezone(SEOUL)


def seoul_today():
    """Today's date in Seoul (``date.today()`` would be the server's date)."""
    return seoul_now().date()


def seoul_midnight(day: datetime.date):
    """The start of ``day`` in Seoul, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=SEOUL)
