"""Seed content: the publications and policy cases copied from the seed documents into data/."""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from archive_portal.lib.bilingual import fill_empty_columns, seed_columns
from archive_portal.lib.seed import link_goals, upsert
from archive_portal.licences import Licence
from publications.models import BodyFormat, Publication, Sector, Status
from publications.sectors import ensure_default_sectors
from publications.text import first_paragraph, plain_summary

DATA = Path(__file__).resolve().parent / "data"


def _date(value):
    return date.fromisoformat(value) if value else None


def rows():
    """The seed items as model field values in their language columns (plus the sectors'
    slugs): the text to the Korean columns (and to the English ones for items written in
    English), the archive's English titles and summaries (data/english.json) to the English
    columns."""
    items = json.loads((DATA / "publications.json").read_text(encoding="utf-8"))["items"]
    english = json.loads((DATA / "english.json").read_text(encoding="utf-8"))
    for item in items:
        texts = dict(english["items"].get(item["slug"], {}))
        if item["publisher"] in english["publishers"]:
            texts["publisher"] = english["publishers"][item["publisher"]]
        body = (DATA / "texts" / f"{item['slug']}.txt").read_text(encoding="utf-8").strip()
        fields = {
            "kind": item["kind"],
            "title": item["title"],
            "summary": plain_summary(first_paragraph(body)),
            "body": body,
            "body_format": BodyFormat.FLAT,
            "publisher": item["publisher"],
            "author": item.get("author", ""),
            "published_on": _date(item.get("published_on")),
            "language": item["language"],
            "external_url": item.get("external_url", ""),
            "video_url": item.get("video_url", ""),
            "availability": item.get("availability", ""),
            "responsible_department": item.get("responsible_department", ""),
            "contact": item.get("contact", ""),
            "data_base_date": _date(item.get("data_base_date")),
            "licence": item.get("licence", Licence.KOGL_1),
            "status": Status.PUBLISHED,
        }
        fields = seed_columns(Publication, fields, item["language"], texts)
        # Items written in English keep their own English; the others get the archive's.
        fields["english_by_archive"] = item["language"] != "en" and bool(texts.get("title"))
        yield item["slug"], fields, item["sectors"]


@transaction.atomic
def load(overwrite=False):
    """Create the seed publications that are missing, keyed by slug, with their sectors.
    Returns (created, updated); a second run returns (0, 0).

    A publication that already exists is kept as it is, sectors included, so that edits made in
    the admin survive. With ``overwrite=True`` its fields and sectors are reset to the data
    files wherever they differ, which discards those edits. Download counts and attachments
    are never touched."""
    ensure_default_sectors()
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    created = updated = 0
    for slug, fields, sector_slugs in rows():
        missing = set(sector_slugs) - set(sectors)
        if missing:
            raise ValueError(f"{slug}: unknown sectors {sorted(missing)}")
        result = upsert(Publication, {"slug": slug}, fields, overwrite=overwrite)
        publication = result.obj
        sectors_changed = False
        if result.created or overwrite:
            wanted = [sectors[s] for s in sector_slugs]
            if result.created or set(publication.sectors.all()) != set(wanted):
                publication.sectors.set(wanted)
                sectors_changed = not result.created
        if not result.created and not overwrite:
            # English the row lacks is added; English staff wrote is kept.
            extra = {"english_by_archive": True} if fields["english_by_archive"] else {}
            sectors_changed = fill_empty_columns(publication, fields, extra)
        created += result.created
        updated += result.updated or sectors_changed
    return created, updated


def load_goal_links(overwrite=False):
    """The SDG goals (and projects) of the seed items, from data/sdg_links.json: set on items
    that have none yet (edits in the admin are kept); ``overwrite`` resets them to the file."""
    return link_goals(Publication, DATA / "sdg_links.json", overwrite=overwrite)
