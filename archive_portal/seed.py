"""Seed content of the portal itself: the partner organisations."""

import json
from pathlib import Path

from archive_portal.models import Partner

DATA = Path(__file__).resolve().parent / "data" / "partners.json"


def load_partners(overwrite=False):
    """Create the partners of data/partners.json that are missing, keyed by English name.
    Returns (created, updated).

    A partner that already exists is kept as it is, so that edits made in the admin survive;
    with ``overwrite=True`` the fields that differ from the data file are reset to it (this
    discards those edits)."""
    created = updated = 0
    partners = json.loads(DATA.read_text(encoding="utf-8"))["partners"]
    for order, row in enumerate(partners, start=1):
        defaults = {
            "name_ko": row["name_ko"],
            "url": row["url"],
            "category": row["category"],
            "order": order,
        }
        partner, was_created = Partner.objects.get_or_create(
            name_en=row["name_en"], defaults=defaults
        )
        if was_created:
            created += 1
            continue
        if not overwrite:
            continue
        changed = [field for field, value in defaults.items() if getattr(partner, field) != value]
        if changed:
            for field in changed:
                setattr(partner, field, defaults[field])
            partner.save(update_fields=changed)
            updated += 1
    return created, updated
