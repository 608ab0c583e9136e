"""The policy sectors the archive starts with (staff edit and extend them in the admin)."""

from archive_portal.lib.seed import upsert

DEFAULT_SECTORS = [
    ("urban-planning", "도시계획", "Urban planning"),
    ("transportation", "교통", "Transportation"),
    ("environment", "환경", "Environment"),
    ("water", "상하수도", "Water"),
    ("e-government", "전자정부", "E-government"),
    ("economy", "경제", "Economy"),
    ("culture", "문화", "Culture"),
    ("welfare", "복지", "Welfare"),
    ("safety", "안전", "Safety"),
    ("city-diplomacy", "도시외교", "City diplomacy"),
]


def ensure_default_sectors(sector_model=None):
    """Create the default sectors that are missing (by slug); never overwrite staff edits.
    Migration 0002 runs this on a new database; the seed loader again, so that a database
    emptied by a test flush still gets them. Returns the number created."""
    if sector_model is None:
        from publications.models import Sector as sector_model
    created = 0
    for order, (slug, name_ko, name_en) in enumerate(DEFAULT_SECTORS, start=1):
        values = {"name_ko": name_ko, "name_en": name_en, "order": order}
        created += upsert(sector_model, {"slug": slug}, values).created
    return created
