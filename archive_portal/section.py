"""What the base app itself plugs into the shared pages: its landing pages, the partner
organisations and the site information pages (see archive_portal.sections)."""

import datetime

from archive_portal.groups import ALL, EDITORS
from archive_portal.lib.timezone import SEOUL, seoul_midnight
from archive_portal.models import PageKind
from archive_portal.sections import Section
from archive_portal.seed import load


def next_midnight(now):
    """Dates shown relative to today (days left, "new") change at midnight in Seoul."""
    return seoul_midnight(now.astimezone(SEOUL).date() + datetime.timedelta(days=1))


section = Section(
    key="portal",
    landing_pages=("home", *PageKind.values),
    seed_loader=("partner organisations and site information pages", load),
    group_permissions={
        EDITORS: {
            "archive_portal": {
                "partner": ALL,
                "infopage": ("change", "view"),
                "infopageversion": ALL,
            }
        }
    },
    # A new version of an information page takes effect at midnight (next_midnight).
    public_models=(
        "archive_portal.Partner",
        "archive_portal.InfoPage",
        "archive_portal.InfoPageVersion",
    ),
    next_change=next_midnight,
)
