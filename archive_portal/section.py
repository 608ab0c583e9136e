"""What the base app itself plugs into the shared pages: its landing pages and the partner
organisations (see archive_portal.sections)."""

from archive_portal.groups import ALL, EDITORS
from archive_portal.sections import Section
from archive_portal.seed import load_partners

section = Section(
    key="portal",
    landing_pages=("home", "about"),
    seed_loader=("partner organisations", load_partners),
    group_permissions={EDITORS: {"archive_portal": {"partner": ALL}}},
)
