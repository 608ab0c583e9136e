"""Seed content of the portal itself: the partner organisations."""

import json
from pathlib import Path

from django.db import transaction

from archive_portal.lib.seed import upsert
from archive_portal.models import Partner

DATA = Path(__file__).resolve().parent / "data" / "partners.json"


@transaction.atomic
def load_partners(overwrite=False):
    """Create the partners of data/partners.json that are missing, keyed by English name.
    Returns (created, updated).

    A partner that already exists is kept as it is, so that edits made in the admin survive;
    with ``overwrite=True`` the fields that differ from the data file are reset to it (this
    discards those edits)."""
    created = updated = 0
    partners = json.loads(DATA.read_text(encoding="utf-8"))["partners"]
    for order, row in enumerate(partners, start=1):
        values = {
            "name_ko": row["name_ko"],
            "url": row["url"],
            "category": row["category"],
            "order": order,
        }
        result = upsert(Partner, {"name_en": row["name_en"]}, values, overwrite=overwrite)
        created += result.created
        updated += result.updated
    return created, updated
