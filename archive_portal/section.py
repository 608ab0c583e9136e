"""What the base app itself plugs into the shared pages: its landing pages and the partner
organisations (see archive_portal.sections)."""

import datetime

from archive_portal.groups import ALL, EDITORS
from archive_portal.lib.timezone import SEOUL, seoul_midnight
from archive_portal.sections import Section
from archive_portal.seed import load_partners


def next_midnight(now):
    """Dates shown relative to today (days left, "new") change at midnight in Seoul."""
    return seoul_midnight(now.astimezone(SEOUL).date() + datetime.timedelta(days=1))


section = Section(
    key="portal",
    landing_pages=("home", "about"),
    seed_loader=("partner organisations", load_partners),
    group_permissions={EDITORS: {"archive_portal": {"partner": ALL}}},
    public_models=("archive_portal.Partner",),
    next_change=next_midnight,
)
