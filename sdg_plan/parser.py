"""Parse the flattened text of 제2차 서울특별시 지속가능발전 이행계획 (2020–2024).

Pure Python (no Django): ``parse_plan(text)`` turns the document into
strategies → goals → tasks → projects → indicators, plus the list of discrepancies found in the
document itself (its own counts disagreeing with its body, repeated projects, corrections
applied). ``sdg_plan/management/commands/import_sdg_plan.py`` writes the result to the database.

The document is one long line; its structure is recovered from its own markers:

* ``전략N. … (K대 과제 및 M개 이행과제)`` opens a strategy and lists its goals ``N-M. … (n)``
  with their numbered tasks;
* ``이행과제N. …`` opens a task, ``세부사업N. ●…`` a project (``… 미래`` after the name marks
  the plan's 유형②, new projects);
* ``?? <heading>`` opens a project section (추진경과, 추진내용, 향후 추진계획 …);
* ``?? 연차별 성과지표 성과지표명 2020 2021 2022 2023 2024 중장기 (2030)`` opens the indicator
  table, ``작 성 자`` the responsible departments and contacts.

Where a table's flattened text is ambiguous, ``data/corrections.json`` (see ``data/README.md``)
holds the reviewed reading; it may only re-arrange the block's own words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SOURCE = DATA_DIR / "sdg_implementation_plan_2020_2024.txt"
DEFAULT_CORRECTIONS = DATA_DIR / "corrections.json"

#: The columns of every indicator table: five plan years and the mid-term (중장기) year.
YEARS = (2020, 2021, 2022, 2023, 2024, 2030)

HIGHER = "higher"
LOWER = "lower"

#: Project kinds: the plan's legend "유형①: 세부사업과 성과지표가 모두 존재" (existing) and
#: "유형②: 새로운 세부사업과 성과지표가 모두 필요" (new); the latter carry "미래" after the name.
KIND_EXISTING = "existing"
KIND_NEW = "new"

#: Seoul goal code → UN SDG number, matched by subject (the plan's order differs from the UN's).
UN_SDG_BY_GOAL = {
    "1-1": 1,  # 빈곤 종식 — No poverty
    "1-2": 2,  # 먹거리, 도시농업 — Zero hunger
    "1-3": 3,  # 건강한 삶과 웰빙 — Good health and well-being
    "1-4": 4,  # 교육, 평생학습 — Quality education
    "1-5": 5,  # 성평등 — Gender equality
    "2-1": 7,  # 에너지 — Affordable and clean energy
    "2-2": 8,  # 경제성장, 일자리 — Decent work and economic growth
    "2-3": 9,  # 사회기반시설, 산업화 — Industry, innovation and infrastructure
    "2-4": 10,  # 불평등 감소 — Reduced inequalities
    "3-1": 6,  # 물순환 — Clean water and sanitation
    "3-2": 12,  # 지속가능한 소비와 생산 — Responsible consumption and production
    "3-3": 13,  # 기후변화 대응 — Climate action
    "3-4": 14,  # 한강 하구 생태계 — Life below water
    "3-5": 15,  # 생물다양성 — Life on land
    "4-1": 11,  # 안심하고 살 수 있는 도시 — Sustainable cities and communities
    "4-2": 16,  # 정의, 투명한 제도 — Peace, justice and strong institutions
    "4-3": 17,  # 글로벌 교류협력 — Partnerships for the goals
}

_TABLE_HEADER = re.compile(
    r"성과지표명\s+(?P<years>(?:20\d\d\s+)+)중장기\s*\(2030\)",
)
_NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?"
#: Units written after a space ("600,000 백만원", "37,100 천톤CO₂", "2,430만 그루").
_SPACED_UNITS = ("백만원", "천톤CO₂", "그루")
_NUMERIC_CELL = re.compile(rf"^(?P<number>{_NUMBER})(?P<unit>[^\s(]*)(?P<detail>.*)$")
#: Whole cells that are words, not numbers, in the generic (uncorrected) reading.
_WORD_CELLS = {"↘", "운영", "(운영)", "유지", "(유지)", "유지관리", "이행"}
#: Words that keep the previous numeric target (used when the 2030 cell is not a number).
CARRY_FORWARD_WORDS = {"유지", "(유지)", "유지관리", "운영", "(운영)"}
#: A unit written as the name's trailing parenthesis, e.g. "금융복지 상담건수(건)".
_NAME_UNITS = {"건": "건", "건수": "건", "㎍/㎥": "㎍/㎥"}


@dataclass
class Discrepancy:
    """Something the document says that disagrees with itself, or a reading we had to choose."""

    kind: str  # "count", "repeat", "typo", "correction", "artefact", "title"
    where: str
    message: str

    def __str__(self):
        return f"[{self.kind}] {self.where}: {self.message}"


@dataclass
class Contact:
    role: str  # as written: "복지정책과장", "생활보장팀장", "담당"
    name: str
    phone: str  # as written, "" when none


@dataclass
class SectionItem:
    text: str  # a "○" item
    children: list[str] = field(default_factory=list)  # its "-" sub-items


@dataclass
class Section:
    heading: str  # "추진경과", "추진내용(요약)", "향후 추진계획" …
    intro: str  # text before the first "○"
    items: list[SectionItem] = field(default_factory=list)

    @property
    def text(self):
        parts = [self.intro] if self.intro else []
        for item in self.items:
            parts.append("○ " + item.text)
            parts.extend("- " + child for child in item.children)
        return "\n".join(parts)


@dataclass
class Indicator:
    number: int  # 1..109 in document order
    position: int  # 1-based within its project
    name: str
    unit: str
    direction: str  # HIGHER or LOWER
    note: str
    targets: dict[int, str]  # year → text as written ("" when the table has no such column)
    values: dict[int, Decimal | None]  # year → parsed number, None when the cell is not numeric
    source_text: str  # the block's flattened text, as written (for readers to check)
    corrected: bool = False


@dataclass
class Project:
    number: int  # 세부사업 number as in the plan, 1..106
    name: str
    kind: str  # KIND_EXISTING or KIND_NEW
    sections: list[Section]
    departments: list[str]  # responsible departments, lead first
    contacts: list[Contact]
    indicators: list[Indicator]


@dataclass
class Task:
    number: int  # 이행과제 number as in the plan, 1..97
    title: str
    projects: list[Project]


@dataclass
class Goal:
    code: str  # "1-1"
    number: int  # position within the strategy
    title: str
    priority: bool  # 역점 과제
    un_sdg: int
    planned_counts: tuple[int, int, int] | None  # (tasks, projects, indicators) of the overview
    tasks: list[Task]


@dataclass
class Strategy:
    number: int
    title: str
    goals: list[Goal]
    stated_tasks: int | None = None  # "(5대 과제 및 26개 이행과제)" in its heading


@dataclass
class Plan:
    title: str
    strategies: list[Strategy]
    discrepancies: list[Discrepancy]
    stated_totals: dict[str, int]  # the document's own totals ("총 97개 이행과제" …)

    @property
    def goals(self):
        return [g for s in self.strategies for g in s.goals]

    @property
    def tasks(self):
        return [t for g in self.goals for t in g.tasks]

    @property
    def projects(self):
        return [p for t in self.tasks for p in t.projects]

    @property
    def indicators(self):
        return [i for p in self.projects for i in p.indicators]

    def counts(self):
        return {
            "strategies": len(self.strategies),
            "goals": len(self.goals),
            "tasks": len(self.tasks),
            "projects": len(self.projects),
            "indicators": len(self.indicators),
        }


class PlanParseError(ValueError):
    """The text does not have the structure of the plan."""


# --------------------------------------------------------------------------------------------
# helpers


def restore_middle_dots(text):
    """`?` between two letters is a middle dot lost in conversion (영?유아 → 영·유아)."""
    return re.sub(r"(?<=[가-힣A-Za-z])\?(?=[가-힣A-Za-z])", "·", text)


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def _words(text):
    return squash(text).split(" ") if squash(text) else []


def parse_number(text):
    """The number a cell starts with, as Decimal ("1,000MW" → 1000), or None."""
    match = _NUMERIC_CELL.match(text.strip())
    if not match:
        return None
    try:
        return Decimal(match.group("number").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None


def cell_unit(text):
    """The unit written after a cell's number: "583MW" → "MW", "600,000 백만원" → "백만원"."""
    text = text.strip()
    for unit in _SPACED_UNITS:
        match = re.match(rf"^{_NUMBER}(\S*\s?{re.escape(unit)})", text)
        if match:
            return squash(match.group(1))
    match = _NUMERIC_CELL.match(text)
    return match.group("unit") if match else ""


def is_numeric_cell(text, unit):
    """A cell that is just a number and the indicator's unit (plus a parenthesised detail)."""
    match = _NUMERIC_CELL.match(text.strip())
    if not match:
        return False
    rest = text.strip()[len(match.group("number")) :].strip()
    if unit and rest.startswith(unit):
        rest = rest[len(unit) :].strip()
    elif unit and rest.replace(" ", "").startswith(unit.replace(" ", "")):
        rest = rest.replace(" ", "")[len(unit.replace(" ", "")) :]
    return rest == "" or rest.startswith("(")


# --------------------------------------------------------------------------------------------
# the indicator tables


def _cell_tokens(words):
    """Group words into cells: "600,000" "백만원" → "600,000 백만원"."""
    tokens = []
    for word in words:
        if tokens and re.fullmatch(_NUMBER + r"\S*", tokens[-1]) and word in _SPACED_UNITS:
            tokens[-1] = f"{tokens[-1]} {word}"
        else:
            tokens.append(word)
    return tokens


def _is_cell(token):
    return token in _WORD_CELLS or re.fullmatch(_NUMBER + r"\S*( \S+)?", token) is not None


def _generic_rows(text, columns):
    """Read "name v1 … vN [name v1 … vN] [note]", each v a single cell token.

    A row's cells are the last N tokens of the first run of at least N cell tokens, so a name
    ending in a cell-like word ("환경보건위원회 운영 5회 …") keeps that word."""
    tokens = _cell_tokens(_words(text))
    rows = []
    while tokens:
        flags = [_is_cell(t) for t in tokens]
        start = end = None
        i = 1  # a row needs a name: its first token is never a cell
        while i < len(tokens):
            if flags[i]:
                j = i
                while j < len(tokens) and flags[j]:
                    j += 1
                if j - i >= columns:
                    start, end = j - columns, j
                    break
                i = j
            else:
                i += 1
        if start is None:
            if not rows:
                return None
            rows[-1]["note"] = " ".join(tokens)
            break
        rows.append({"name": " ".join(tokens[:start]), "cells": tokens[start:end]})
        tokens = tokens[end:]
    return rows


def _derive_direction(targets, values):
    if any("↘" in text for text in targets.values()):
        return LOWER
    numbers = [values[y] for y in YEARS if values.get(y) is not None]
    if len(numbers) >= 2 and values.get(2030) is not None and values[2030] < numbers[0]:
        return LOWER
    return HIGHER


def _build_indicator(
    *,
    name,
    cells_by_year,
    note,
    unit_line,
    unit,
    values_override,
    direction,
    source_text,
    corrected,
):
    targets = {year: cells_by_year.get(year, "") for year in YEARS}
    if not unit:
        unit = unit_line
    if not unit:
        units = {
            cell_unit(text) for text in targets.values() if is_numeric_cell(text, cell_unit(text))
        }
        units.discard("")
        if len(units) == 1:
            unit = units.pop()
    if not unit:
        match = re.search(r"\(([^()]+)\)$", name)
        if match and match.group(1).strip() in _NAME_UNITS:
            unit = _NAME_UNITS[match.group(1).strip()]
    values = {
        year: parse_number(text) if text and is_numeric_cell(text, unit) else None
        for year, text in targets.items()
    }
    for year, value in (values_override or {}).items():
        values[int(year)] = Decimal(value) if value is not None else None
    return Indicator(
        number=0,
        position=0,
        name=name,
        unit=unit,
        direction=direction or _derive_direction(targets, values),
        note=note,
        targets=targets,
        values=values,
        source_text=source_text,
        corrected=corrected,
    )


def parse_indicator_block(block, *, project_number, correction=None):
    """The text between "연차별 성과지표" and "작 성 자" → a list of Indicator."""
    source_text = squash(block)
    header = _TABLE_HEADER.search(block)
    if not header:
        raise PlanParseError(f"세부사업{project_number}: no indicator table header")
    years = [int(y) for y in header.group("years").split()] + [2030]
    before = squash(block[: header.start()])
    rest = squash(block[header.end() :])
    unit_line = ""
    pre_note = ""
    if before:
        match = re.fullmatch(r"\(단위\s*:\s*(.+?)\)", before)
        if match:
            unit_line = match.group(1).strip()
        else:
            pre_note = before

    if correction and "indicators" in correction:
        indicators = []
        for spec in correction["indicators"]:
            cells_by_year = {}
            for cell in spec["cells"]:
                for year in cell["years"]:
                    cells_by_year[int(year)] = cell["text"]
            note = " ".join(x for x in (pre_note, spec.get("note", "")) if x)
            indicators.append(
                _build_indicator(
                    name=spec["name"],
                    cells_by_year=cells_by_year,
                    note=note,
                    unit_line=unit_line,
                    unit=spec.get("unit", ""),
                    values_override=spec.get("values"),
                    direction=spec.get("direction"),
                    source_text=source_text,
                    corrected=True,
                )
            )
        _check_correction_words(rest, correction, project_number)
        return indicators

    rows = _generic_rows(rest, len(years))
    if not rows:
        raise PlanParseError(
            f"세부사업{project_number}: indicator table not readable, add a correction: {rest!r}"
        )
    indicators = []
    for row in rows:
        cells_by_year = dict(zip(years, row["cells"], strict=True))
        note = " ".join(x for x in (pre_note, row.get("note", "")) if x)
        indicators.append(
            _build_indicator(
                name=row["name"],
                cells_by_year=cells_by_year,
                note=note,
                unit_line=unit_line,
                unit="",
                values_override=None,
                direction=None,
                source_text=source_text,
                corrected=False,
            )
        )
    for override in (correction or {}).get("overrides", []):
        indicator = indicators[override["position"] - 1]
        if "unit" in override:
            indicator.unit = override["unit"]
            indicator.values = {
                year: parse_number(text) if text and is_numeric_cell(text, indicator.unit) else None
                for year, text in indicator.targets.items()
            }
        for year, value in override.get("values", {}).items():
            indicator.values[int(year)] = Decimal(value) if value is not None else None
        if "direction" in override:
            indicator.direction = override["direction"]
        indicator.corrected = True
    return indicators


def _check_correction_words(rest, correction, project_number):
    """A correction may only re-arrange the block's words: same words, same counts."""
    written = Counter(_words(rest))
    read = Counter()
    for spec in correction["indicators"]:
        read.update(_words(spec["name"]))
        for cell in spec["cells"]:
            read.update(_words(cell["text"]))
        read.update(_words(spec.get("note", "")))
    if written != read:
        missing = written - read
        invented = read - written
        raise PlanParseError(
            f"세부사업{project_number}: correction does not match the block's words; "
            f"missing {sorted(missing.elements())}, not in the document "
            f"{sorted(invented.elements())}"
        )


# --------------------------------------------------------------------------------------------
# contacts and departments

_UNIT_ROLE = re.compile(r"^(?P<unit>.+?(?:과|담당관|국|반|센터|부|실|위원회))(?:장| 위원장)?$")
_PHONE = re.compile(r"☎\s*[\d\-]+(?:,[\d\-]+)*|(?<=[가-힣])\d[\d\-]{3,}")
_PERSON = re.compile(
    r"(?P<name>[^☎\d]+?)?\s*(?:☎\s*(?P<phone>[\d\-]+(?:,[\d\-]+)*)|(?P<glued>\d[\d\-]{3,}))"
)


def parse_contacts(text):
    """ "작 성 자 복지정책과 : 박기용 ☎2133-7310 생활보장팀장 : 김민주 ☎ 7336 담당 : 이미진 ☎ 7339"
    → Contacts (role, name, phone as written) and the responsible departments: the roles that
    name an organisational unit (…과, …담당관, …센터, …반 …), in order, lead first."""
    text = squash(text.replace("작 성 자", " "))
    pieces = text.split(":")
    roles = [pieces[0].strip(" ,")]
    bodies = []
    for piece in pieces[1:-1]:
        phones = list(_PHONE.finditer(piece))
        if phones:
            cut = phones[-1].end()
        else:  # no phone: the name is the first word, the next role the rest
            words = piece.strip().split(" ", 1)
            cut = piece.index(words[0]) + len(words[0])
        bodies.append(piece[:cut])
        roles.append(piece[cut:].strip(" ,"))
    bodies.append(pieces[-1] if len(pieces) > 1 else "")
    contacts = []
    departments = []
    for role, body in zip(roles, bodies, strict=True):
        body = body.strip(" ,")
        people = list(_PERSON.finditer(body))
        if people:
            for person in people:
                contacts.append(
                    Contact(
                        role=role,
                        name=(person.group("name") or "").strip(" ,"),
                        phone=(person.group("phone") or person.group("glued") or "").strip(),
                    )
                )
        elif body:
            contacts.append(Contact(role=role, name=body, phone=""))
        if role in ("담당", "팀장") or role.endswith("팀장"):
            continue
        match = _UNIT_ROLE.match(role)
        if match and match.group("unit") not in departments:
            departments.append(match.group("unit"))
    return contacts, departments


# --------------------------------------------------------------------------------------------
# sections

_BULLET_HEAD = re.compile(r"[○※<\-①-⑳]|\d+\.\s")


def parse_sections(text):
    """ "?? 추진경과 ○ … - … ?? 향후 추진계획 ○ …" → Sections."""
    sections = []
    for chunk in text.split("??")[1:]:
        chunk = squash(chunk)
        if not chunk:
            continue
        match = _BULLET_HEAD.search(chunk)
        head = chunk[: match.start()].strip() if match else chunk
        body = chunk[match.start() :] if match else ""
        if len(head) > 40:  # a heading followed by a table: keep the first words as heading
            words = head.split(" ")
            n = 2
            while n < len(words) and " ".join(words[:n]).count("(") > " ".join(words[:n]).count(
                ")"
            ):
                n += 1
            head, body = " ".join(words[:n]), " ".join(words[n:]) + (" " + body if body else "")
        if head.endswith(":"):
            head = head[:-1].strip()
        pieces = re.split(r"(?:^|\s)○\s*", body)
        intro = pieces[0].strip()
        items = []
        for piece in pieces[1:]:
            # "- " opens a sub-item, unless the next word is another dash: a run of "-" is the
            # empty cells of a flattened table and stays in the text
            subs = re.split(r"(?<!-)\s-\s*(?=[^\s-])", " " + piece.strip())
            items.append(
                SectionItem(text=subs[0].strip(), children=[s.strip() for s in subs[1:] if s])
            )
        sections.append(Section(heading=head, intro=intro, items=items))
    return sections


# --------------------------------------------------------------------------------------------
# the whole document


def load_corrections(path=DEFAULT_CORRECTIONS):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {entry["project"]: entry for entry in data["corrections"]}


def parse_plan_file(path=DEFAULT_SOURCE, corrections_path=DEFAULT_CORRECTIONS):
    text = Path(path).read_text(encoding="utf-8")
    corrections = load_corrections(corrections_path) if corrections_path else {}
    return parse_plan(text, corrections=corrections)


def parse_plan(text, *, corrections=None):  # noqa: C901 - one pass over one document
    corrections = corrections or {}
    discrepancies = []
    lines = [line for line in text.split("\n") if line.strip()]
    body_line = max(lines, key=len)
    artefacts = len(re.findall(r"(?<=[가-힣A-Za-z])\?(?=[가-힣A-Za-z])", body_line))
    body = restore_middle_dots(body_line)
    title_match = re.search(r"제2차 서울특별시 지속가능발전 이행계획\s*\(2020년~2024년\)", text)
    title = (
        squash(title_match.group(0)) if title_match else "제2차 서울특별시 지속가능발전 이행계획"
    )
    if artefacts:
        discrepancies.append(
            Discrepancy(
                "artefact",
                "whole document",
                f"{artefacts} characters lost in conversion between two letters ('?') read as "
                "'·'; other '?' kept as written",
            )
        )

    # the document's own totals: "4대 전략 총 17대 과제 총 97개 이행과제 총 106개 세부사업 …"
    stated_totals = {}
    for key, pattern in (
        ("strategies", r"(\d+)대 전략"),
        ("goals", r"총 (\d+)대 과제"),
        ("tasks", r"총 (\d+)개 이행과제"),
        ("projects", r"총 (\d+)개 세부사업"),
        ("indicators", r"총 (\d+)개 성과지표"),
    ):
        match = re.search(pattern, body)
        if match:
            stated_totals[key] = int(match.group(1))

    match = re.search(r"유형② \S+ \S+ \S+ (\d+)개", body)
    if match:
        stated_totals["new_project_indicators"] = int(match.group(1))

    first_strategy = re.search(r"전략1\. .{1,40}? \(\d대 과제 및 \d+개 이행과제\)", body)
    if not first_strategy:
        raise PlanParseError("no strategy section (전략1. … (N대 과제 및 M개 이행과제))")
    front = body[: first_strategy.start()]

    # overview table: "1-1.모든 형태의 빈곤 종식을 위한 노력 4개 4개 4개", 역점 before the counts
    overview = {}
    for match in re.finditer(
        r"(?P<code>\d-\d)\.(?P<title>[^0-9]+?)\s+(?P<priority>역점\s+)?"
        r"(?P<t>\d+)개 (?P<p>\d+)개 (?P<i>\d+)개",
        front,
    ):
        overview[match.group("code")] = {
            "title": squash(match.group("title")),
            "priority": bool(match.group("priority")),
            "counts": (int(match.group("t")), int(match.group("p")), int(match.group("i"))),
        }
    # table of contents: "전략4. 함께 만드는 서울(22개 이행과제) 88"
    toc = {
        int(m.group(1)): int(m.group(2))
        for m in re.finditer(r"전략(\d)\. [^()]+\((\d+)개 이행과제\) \d+", front)
    }

    strategy_marks = list(
        re.finditer(
            r"전략(?P<n>\d)\. (?P<title>.{1,40}?) "
            r"\((?P<goals>\d)대 과제 및 (?P<tasks>\d+)개 이행과제\)",
            body,
        )
    )
    task_marks = list(re.finditer(r"이행과제(\d+)\.\s*", body))
    project_marks = list(re.finditer(r"세부사업(\d+)\.\s*●\s*", body))
    cut_points = sorted(
        [m.start() for m in strategy_marks]
        + [m.start() for m in task_marks]
        + [m.start() for m in project_marks]
        + [len(body)]
    )

    def segment_end(start):
        return next(p for p in cut_points if p > start)

    strategies = []
    goal_of_task = {}
    for mark in strategy_marks:
        number = int(mark.group("n"))
        strategy = Strategy(number=number, title=squash(mark.group("title")), goals=[])
        strategies.append(strategy)
        intro = body[mark.end() : segment_end(mark.start())]
        goal_marks = list(
            re.finditer(r"(?P<code>\d-\d)\. (?P<title>[^()]+?) \((?P<n>\d+)\)", intro)
        )
        for k, goal_mark in enumerate(goal_marks):
            code = goal_mark.group("code")
            listing = intro[
                goal_mark.end() : goal_marks[k + 1].start() if k + 1 < len(goal_marks) else None
            ]
            listed = [int(n) for n in re.findall(r"(?:^|\s)(\d{1,2})\.\s", listing)]
            info = overview.get(code, {})
            goal = Goal(
                code=code,
                number=int(code.split("-")[1]),
                title=squash(goal_mark.group("title")),
                priority=info.get("priority", False),
                un_sdg=UN_SDG_BY_GOAL[code],
                planned_counts=info.get("counts"),
                tasks=[],
            )
            strategy.goals.append(goal)
            for n in listed:
                goal_of_task[n] = goal
            if int(goal_mark.group("n")) != len(listed):
                discrepancies.append(
                    Discrepancy(
                        "count",
                        f"과제 {code}",
                        f"heading says ({goal_mark.group('n')}) tasks, lists {len(listed)}",
                    )
                )
            if info and squash(info["title"]).replace(" ", "") != goal.title.replace(" ", ""):
                discrepancies.append(
                    Discrepancy(
                        "title",
                        f"과제 {code}",
                        f"overview table names it '{info['title']}', the strategy section "
                        f"'{goal.title}'",
                    )
                )
        # counts stated in the strategy heading and the table of contents
        stated_goals = int(mark.group("goals"))
        if stated_goals != len(strategy.goals):
            discrepancies.append(
                Discrepancy(
                    "count",
                    f"전략{number}",
                    f"heading says {stated_goals} goals, the section has {len(strategy.goals)}",
                )
            )
        strategy.stated_tasks = int(mark.group("tasks"))

    tasks_by_number = {}
    for mark in task_marks:
        number = int(mark.group(1))
        end = next(m.start() for m in project_marks if m.start() > mark.start())
        task = Task(number=number, title=squash(body[mark.end() : end]), projects=[])
        goal = goal_of_task.get(number)
        if goal is None:
            raise PlanParseError(f"이행과제{number} is listed under no goal")
        goal.tasks.append(task)
        tasks_by_number[number] = task

    indicator_number = 0
    seen = {}
    for mark in project_marks:
        number = int(mark.group(1))
        task_mark = max(
            (t for t in task_marks if t.start() < mark.start()), key=lambda t: t.start()
        )
        task = tasks_by_number[int(task_mark.group(1))]
        end = segment_end(mark.start())
        segment = body[mark.end() : end]
        first_section = segment.find("??")
        name = squash(segment[:first_section])
        kind = KIND_EXISTING
        if name.endswith(" 미래"):
            name, kind = name[: -len(" 미래")], KIND_NEW
        table_at = segment.find("연차별 성과지표")
        author_at = segment.find("작 성 자", table_at)
        if table_at < 0 or author_at < 0:
            raise PlanParseError(f"세부사업{number}: no indicator table or no 작 성 자")
        sections_text = segment[first_section:table_at].rstrip()
        sections_text = re.sub(r"\?\?\s*$", "", sections_text)
        block = segment[table_at + len("연차별 성과지표") : author_at]
        contacts, departments = parse_contacts(segment[author_at:])
        correction = corrections.get(number)
        indicators = parse_indicator_block(block, project_number=number, correction=correction)
        if correction:
            discrepancies.append(
                Discrepancy("correction", f"세부사업{number}", correction["reason"])
            )
        for position, indicator in enumerate(indicators, start=1):
            indicator_number += 1
            indicator.number = indicator_number
            indicator.position = position
        project = Project(
            number=number,
            name=name,
            kind=kind,
            sections=parse_sections(sections_text),
            departments=departments,
            contacts=contacts,
            indicators=indicators,
        )
        task.projects.append(project)
        key = (name, tuple((i.name, tuple(i.targets.items())) for i in indicators))
        same_name = seen.get(name)
        if same_name is not None:
            earlier = same_name
            if key == earlier[1]:
                message = (
                    f"repeats 세부사업{earlier[0]} (same name and indicator) under "
                    f"이행과제{task.number}; counted separately, as in the plan's totals"
                )
            else:
                diffs = [
                    f"{ind.name} {year}: '{a}' here, '{b}' in 세부사업{earlier[0]}"
                    for ind, old in zip(indicators, earlier[2], strict=False)
                    for year in YEARS
                    if (a := ind.targets[year]) != (b := old.targets[year])
                ]
                message = (
                    f"repeats 세부사업{earlier[0]} under 이행과제{task.number}, but differs: "
                    + "; ".join(diffs)
                )
            discrepancies.append(Discrepancy("repeat", f"세부사업{number}", message))
        else:
            seen[name] = (number, key, indicators)

    plan = Plan(
        title=title,
        strategies=strategies,
        discrepancies=discrepancies,
        stated_totals=stated_totals,
    )
    _check_counts(plan, overview, toc, discrepancies)
    unused = set(corrections) - {p.number for p in plan.projects}
    if unused:
        raise PlanParseError(f"corrections for unknown projects: {sorted(unused)}")
    return plan


def _check_counts(plan, overview, toc, discrepancies):
    counts = plan.counts()
    counts["new_project_indicators"] = sum(
        len(p.indicators) for p in plan.projects if p.kind == KIND_NEW
    )
    for key, stated in plan.stated_totals.items():
        if counts[key] != stated:
            discrepancies.append(
                Discrepancy(
                    "count", "totals", f"document states {stated} {key}, body has {counts[key]}"
                )
            )
    for strategy in plan.strategies:
        found = sum(len(g.tasks) for g in strategy.goals)
        if strategy.stated_tasks is not None and strategy.stated_tasks != found:
            discrepancies.append(
                Discrepancy(
                    "count",
                    f"전략{strategy.number}",
                    f"strategy heading says {strategy.stated_tasks} tasks, body has {found}",
                )
            )
        if strategy.number in toc and toc[strategy.number] != found:
            discrepancies.append(
                Discrepancy(
                    "count",
                    f"전략{strategy.number}",
                    f"table of contents (목차) says {toc[strategy.number]} tasks "
                    f"(이행과제), the body has {found}",
                )
            )
        for goal in strategy.goals:
            found_goal = (
                len(goal.tasks),
                sum(len(t.projects) for t in goal.tasks),
                sum(len(p.indicators) for t in goal.tasks for p in t.projects),
            )
            if goal.planned_counts and goal.planned_counts != found_goal:
                discrepancies.append(
                    Discrepancy(
                        "count",
                        f"과제 {goal.code}",
                        f"overview table says {goal.planned_counts} (tasks, projects, "
                        f"indicators), body has {found_goal}",
                    )
                )
    missing = set(UN_SDG_BY_GOAL) - {g.code for g in plan.goals}
    if missing or not overview:
        raise PlanParseError(f"goals not found: {sorted(missing)}")
