"""Seed news: the eight 새소식 items of the archive's home page (2023, 2025) and one external
article, from news/data/news_items.json (copied from the seed documents; see its attribution).

The bodies are kept in the data file as the seed documents' flattened text, split into blocks
where the flattening had squashed a table into the running text (those tables are stored as rows).
They are turned into HTML here; the HTML goes through the sanitiser again when a page shows it.
"""

import html
import json
import re
from datetime import date
from pathlib import Path

from django.db import transaction

from archive_portal.lib.bilingual import fill_empty_columns, seed_columns
from archive_portal.lib.richtext import flat_to_html
from archive_portal.lib.seed import link_goals, upsert
from archive_portal.lib.timezone import seoul_midnight
from archive_portal.licences import Licence
from news.models import Category, NewsItem, Status

DATA = Path(__file__).resolve().parent / "data" / "news_items.json"
# The archive's English titles and summaries of the items (the Korean original prevails).
ENGLISH = Path(__file__).resolve().parent / "data" / "english.json"

# Bullets the shared converter does not know, mapped to ones it does: ‣ is a list bullet,
# ◆ opens a paragraph (its dash items follow as a list).
_EXTRA_MARKERS = {"‣": "○", "◆": "□"}
# ①②… open a list item only when a space follows ("① 서울교통공사…"); written against the
# next word ("①공개 ②인식 ③관리") they are an enumeration inside a sentence. A word joiner hides
# them from the shared converter's marker pattern and is removed afterwards.
_INLINE_CIRCLED = re.compile(r"(?<=\s)(?=[\u2460-\u246e]\S)")
_WORD_JOINER = "\u2060"
_BOX_HEADING = re.compile(r"^<(?P<heading>[^<>]{2,80})>\s*")
_INLINE_BULLET = re.compile(r"(?:^|\s)o\s")


def _text_block_to_html(text):
    """One flattened block → paragraphs and lists; a leading <box title> becomes a heading."""
    parts = []
    match = _BOX_HEADING.match(text)
    if match:
        parts.append(f"<p><strong>{html.escape(match.group('heading'))}</strong></p>")
        text = text[match.end() :]
    for glyph, known in _EXTRA_MARKERS.items():
        text = text.replace(glyph, known)
    text = _INLINE_CIRCLED.sub(_WORD_JOINER, text)
    if text.strip():
        parts.append(flat_to_html(text).replace(_WORD_JOINER, ""))
    return "\n".join(parts)


def _cell_to_html(text):
    """A table cell: its ` o ` bullets (schedule entries) become lines of their own."""
    entries = [entry.strip() for entry in _INLINE_BULLET.split(f" {text}") if entry.strip()]
    return "<br>".join(html.escape(entry) for entry in entries)


def _table_to_html(table):
    head = "".join(f'<th scope="col">{html.escape(cell)}</th>' for cell in table["head"])
    rows = []
    for row in table["rows"]:
        cells = []
        for index, cell in enumerate(row):
            if isinstance(cell, dict):
                text, span = cell["text"], f' rowspan="{int(cell["rowspan"])}"'
            else:
                text, span = cell, ""
            tag = "th" if index == 0 else "td"
            scope = ' scope="row"' if index == 0 else ""
            cells.append(f"<{tag}{scope}{span}>{_cell_to_html(text)}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{html.escape(table['caption'])}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def body_to_html(blocks):
    """The data file's body blocks (flattened text or {"table": …}) → HTML."""
    parts = []
    for block in blocks:
        if isinstance(block, dict):
            parts.append(_table_to_html(block["table"]))
        else:
            parts.append(_text_block_to_html(block))
    return "\n".join(parts)


def _published_at(day):
    # The seeds give a date only (등록일): the item is dated at midnight in Seoul.
    return seoul_midnight(date.fromisoformat(day))


def _fields(row):
    return {
        "title": row["title"],
        "category": row["category"],
        "summary": "\n".join(row["summary"]),
        "body": body_to_html(row["body"]),
        "author": row["author"],
        "published_at": _published_at(row["published_on"]),
        "language": row["language"],
        "status": Status.PUBLISHED,
        "source_name": row["source_name"],
        "source_url": row["source_url"],
        # External articles are the outlet's work: the city cannot license their reuse.
        "licence": (
            Licence.RIGHTS_RESERVED if row["category"] == Category.EXTERNAL else Licence.KOGL_1
        ),
    }


def _english(row, english):
    """The archive's English texts of a row: title, summary, the source's English name."""
    texts = dict(english["items"].get(row["slug"], {}))
    if row["source_name"] in english.get("source_names", {}):
        texts["source_name"] = english["source_names"][row["source_name"]]
    return texts


@transaction.atomic
def load(overwrite=False):
    """Create the seed news items that are missing, keyed by slug. Returns (created, updated).

    An item that already exists is kept as it is (title, summary, body, status… as staff left
    them in the admin); with ``overwrite=True`` the fields that differ from the data file are
    reset to it, which discards those edits."""
    created = updated = 0
    rows = json.loads(DATA.read_text(encoding="utf-8"))["items"]
    english = json.loads(ENGLISH.read_text(encoding="utf-8"))
    # Oldest first, so that of two items of the same day the one the home page listed first
    # gets the higher id and keeps its place in the list (newest first, then id).
    ordered = sorted(enumerate(rows), key=lambda pair: (pair[1]["published_on"], -pair[0]))
    for _position, row in ordered:
        texts = _english(row, english)
        values = seed_columns(NewsItem, _fields(row), row["language"], texts)
        values["english_by_archive"] = bool(texts.get("title")) and row["language"] != "en"
        result = upsert(NewsItem, {"slug": row["slug"]}, values, overwrite=overwrite)
        created += result.created
        updated += result.updated
        if not result.created and not overwrite:
            # English the row lacks is added; English staff wrote is kept.
            extra = {"english_by_archive": True} if values["english_by_archive"] else {}
            updated += fill_empty_columns(result.obj, values, extra)
    return created, updated


def load_goal_links(overwrite=False):
    """The SDG goals (and projects) of the seed news, from data/sdg_links.json: set on items
    that have none yet (edits in the admin are kept); ``overwrite`` resets them to the file."""
    return link_goals(NewsItem, DATA.parent / "sdg_links.json", overwrite=overwrite)
