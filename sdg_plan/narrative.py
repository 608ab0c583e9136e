"""The projects' narratives (추진경과, 추진내용, 향후 추진계획) as the importer stores them, with
two repairs of what the document converter lost, both reviewed readings kept in data files:

- characters: the converter wrote `?` for characters it could not convert. `sdg_plan.parser`
  restores a middle dot between two letters; `restore_lost_characters` reads the other cases by
  the rules of LOST_CHARACTER_RULES (a year's apostrophe, a pair of title brackets, a list dot,
  an arrow between two statements). A question mark that asks a question ("서울이란?") is kept.
- tables: tables the converter flattened into running text are rebuilt from
  data/narrative_tables.json: each entry names the project, the flattened run exactly as it
  reads after the character repair, and the table's cells in reading order. `check_table`
  refuses a table whose cells are not exactly the run's characters (nothing invented, nothing
  dropped; only spaces may differ).
"""

import json
import re
from functools import cache
from pathlib import Path

TABLES = Path(__file__).resolve().parent / "data" / "narrative_tables.json"

# (pattern, replacement, reason), applied in order to every narrative text.
LOST_CHARACTER_RULES = [
    (
        re.compile(r"(?<![\w?])\?(?=\d{2}(?:년|\.|∼|~))"),
        "’",
        "before a two-digit year (?06년, ?09∼?14년): the year's apostrophe, as in ’19년",
    ),
    (
        re.compile(r"(?<![\w?])\?([^\s?][^?]{0,40}?[^\s?,])\?(?!\w)"),
        r"「\1」",
        "around a title (?서울관광중기발전계획(2019~2023)?): a pair of title brackets",
    ),
    (
        re.compile(r"(?:(?<=^)|(?<=\s))\?(?=[^\s?\d])"),
        "·",
        "before each item of a run of items (?건물 ?수송 ?도시숲): a list dot",
    ),
    (
        re.compile(r"(?<=\S) \?(?= \S)"),
        " →",
        "between two statements or values (43% ? 45%, 지원 ? 지원체계 : …): an arrow",
    ),
]


def restore_lost_characters(text):
    for pattern, replacement, _reason in LOST_CHARACTER_RULES:
        text = pattern.sub(replacement, text)
    return text


def _cells(rows):
    for row in rows:
        for cell in row:
            yield cell if isinstance(cell, str) else cell["text"]


def check_table(entry):
    """ValueError unless the table's caption and cells, in reading order, are the run's
    characters (spaces aside)."""
    cells = [entry.get("caption", ""), *_cells(entry.get("header", [])), *_cells(entry["rows"])]
    squashed = re.sub(r"\s+", "", "".join(cells))
    if squashed != re.sub(r"\s+", "", entry["run"]):
        raise ValueError(
            f"narrative_tables.json, project {entry['project']}: the cells are not the run's "
            "own words"
        )


@cache
def tables_by_project():
    data = json.loads(TABLES.read_text(encoding="utf-8"))
    by_project = {}
    for entry in data["tables"]:
        check_table(entry)
        by_project.setdefault(entry["project"], []).append(entry)
    return by_project


def _table(entry):
    return {
        "caption": entry.get("caption", ""),
        "header": entry.get("header", []),
        "rows": entry["rows"],
    }


def _split_run(text, run):
    """(before, after) around the run in text, or None."""
    at = text.find(run)
    if at < 0:
        return None
    return text[:at].strip(), text[at + len(run) :].strip()


def _place_table(section, entry):
    """Put the table where its run is: in the section's intro, or in an item (whose text and
    "-" children are read back as one text, as the run may span them: the converter took a
    table's "-" cell for a sub-item). Returns True when placed."""
    run = entry["run"]
    parts = _split_run(section["intro"], run)
    if parts:
        section["intro"], after = parts
        section.setdefault("intro_tables", []).append(_table(entry))
        if after:
            section["intro_after"] = after
        return True
    for item in section["items"]:
        whole = " - ".join([item["text"], *item["children"]])
        parts = _split_run(whole, run)
        if parts:
            before, after = parts
            pieces = [p.strip() for p in re.split(r"(?:^|\s)-\s", before)] if before else [""]
            item["text"], item["children"] = pieces[0], [p for p in pieces[1:] if p]
            item.setdefault("tables", []).append(_table(entry))
            if after:
                item["after"] = [p.strip() for p in re.split(r"(?:^|\s)-\s", after) if p.strip()]
            return True
    return False


def narrative_sections(number, sections):
    """The project's sections as stored (dicts), with lost characters restored and flattened
    tables rebuilt. A table whose run is not found raises ValueError (the data file and the
    document disagree)."""
    result = []
    for s in sections:
        result.append(
            {
                "heading": restore_lost_characters(s.heading),
                "intro": restore_lost_characters(s.intro),
                "items": [
                    {
                        "text": restore_lost_characters(i.text),
                        "children": [restore_lost_characters(c) for c in i.children],
                    }
                    for i in s.items
                ],
            }
        )
    for entry in tables_by_project().get(number, []):
        if not any(_place_table(section, entry) for section in result):
            raise ValueError(f"narrative_tables.json, project {number}: run not found")
    return result


def unrepaired_sections(sections):
    """The sections as the importer stored them before these repairs: a stored narrative still
    equal to this has not been edited by staff, and is brought up to date."""
    return [
        {
            "heading": s.heading,
            "intro": s.intro,
            "items": [{"text": i.text, "children": list(i.children)} for i in s.items],
        }
        for s in sections
    ]
