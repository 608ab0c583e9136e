"""Seed content of the portal itself: the partner organisations and the site information pages
(about, privacy policy, accessibility statement, terms and copyright, contact)."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from archive_portal.lib.seed import upsert
from archive_portal.models import InfoPage, InfoPageVersion, Partner

DATA = Path(__file__).resolve().parent / "data" / "partners.json"
PAGES = Path(__file__).resolve().parent / "data" / "pages"


def load(overwrite=False):
    """Both loaders below; returns (created, updated) summed."""
    results = [load_partners(overwrite=overwrite), load_info_pages(overwrite=overwrite)]
    return sum(r[0] for r in results), sum(r[1] for r in results)


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


def info_page_rows():
    """(kind, titles, versions) from data/pages/pages.json; each version's texts are read from
    data/pages/<kind>.<effective_on>.<lang>.md."""
    pages = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))["pages"]
    for page in pages:
        versions = []
        for version in page["versions"]:
            date = version["effective_on"]
            versions.append(
                {
                    "effective_on": datetime.date.fromisoformat(date),
                    "change_note_ko": version.get("change_note_ko", ""),
                    "change_note_en": version.get("change_note_en", ""),
                    **{
                        f"body_{lang}": (PAGES / f"{page['kind']}.{date}.{lang}.md")
                        .read_text(encoding="utf-8")
                        .strip()
                        for lang in ("ko", "en")
                    },
                }
            )
        yield page["kind"], {"title_ko": page["title_ko"], "title_en": page["title_en"]}, versions


@transaction.atomic
def load_info_pages(overwrite=False):
    """Create the information pages and versions of data/pages/ that are missing (pages by
    kind, versions by date). Returns (created, updated).

    Existing rows are kept as they are, so that staff edits survive; ``overwrite=True`` resets
    the titles and the seeded versions' texts to the data files (versions staff added are kept)."""
    created = updated = 0
    for kind, titles, versions in info_page_rows():
        page = upsert(InfoPage, {"kind": kind}, titles, overwrite=overwrite)
        results = [page] + [
            upsert(
                InfoPageVersion,
                {"page": page.obj, "effective_on": fields.pop("effective_on")},
                fields,
                overwrite=overwrite,
            )
            for fields in versions
        ]
        created += sum(r.created for r in results)
        updated += sum(r.updated for r in results)
    return created, updated
