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
from itertools import count
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


_LOST_MIDDLE_DOT = re.compile(r"(?<=[가-힣A-Za-z])\?(?=[가-힣A-Za-z])")


def restore_middle_dots(text):
    """`?` between two letters is a middle dot lost in conversion (영?유아 → 영·유아)."""
    return _LOST_MIDDLE_DOT.sub("·", text)


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


def _cells_of_first_row(flags, columns):
    """(start, end) of a row's cells: the last `columns` tokens of the first run of at least
    `columns` cell tokens, or None. The run starts at token 1 at the earliest: a row needs a
    name, so its first token is never a cell."""
    i = 1
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        if j - i >= columns:
            return j - columns, j
        i = j
    return None


@dataclass
class _Row:
    """One indicator as its table (or a reviewed correction) gives it, before its unit and
    numbers are worked out."""

    name: str
    cells_by_year: dict[int, str]
    note: str = ""
    unit: str = ""  # "" → from the "(단위 : …)" line, the cells or the name
    values: dict | None = None  # a correction's numbers: year → number as text, or None
    direction: str | None = None  # None → derived from the targets
    corrected: bool = False


def _generic_rows(text, years):
    """Read "name v1 … vN [name v1 … vN] [note]", each v a single cell token, one per year.

    A name ending in a cell-like word ("환경보건위원회 운영 5회 …") keeps that word (see
    _cells_of_first_row). Text after the last row is that row's note. None when not even one
    row can be read."""
    tokens = _cell_tokens(_words(text))
    rows = []
    while tokens:
        found = _cells_of_first_row([_is_cell(t) for t in tokens], len(years))
        if found is None:
            if not rows:
                return None
            rows[-1].note = " ".join(tokens)
            break
        start, end = found
        cells = dict(zip(years, tokens[start:end], strict=True))
        rows.append(_Row(name=" ".join(tokens[:start]), cells_by_year=cells))
        tokens = tokens[end:]
    return rows


def _corrected_rows(correction):
    """The rows a reviewed correction gives (data/corrections.json, "indicators")."""
    rows = []
    for spec in correction["indicators"]:
        cells_by_year = {}
        for cell in spec["cells"]:
            for year in cell["years"]:
                cells_by_year[int(year)] = cell["text"]
        rows.append(
            _Row(
                name=spec["name"],
                cells_by_year=cells_by_year,
                note=spec.get("note", ""),
                unit=spec.get("unit", ""),
                values=spec.get("values"),
                direction=spec.get("direction"),
                corrected=True,
            )
        )
    return rows


def _derive_direction(targets, values):
    if any("↘" in text for text in targets.values()):
        return LOWER
    numbers = [values[y] for y in YEARS if values.get(y) is not None]
    if len(numbers) >= 2 and values.get(2030) is not None and values[2030] < numbers[0]:
        return LOWER
    return HIGHER


def _indicator_unit(row, unit_line, targets):
    """The row's own unit, else the table's "(단위 : …)" line, else the one unit its numeric
    cells share, else a unit written as the name's trailing parenthesis ("…(건)")."""
    if row.unit:
        return row.unit
    if unit_line:
        return unit_line
    units = {cell_unit(text) for text in targets.values() if is_numeric_cell(text, cell_unit(text))}
    units.discard("")
    if len(units) == 1:
        return units.pop()
    match = re.search(r"\(([^()]+)\)$", row.name)
    if match and match.group(1).strip() in _NAME_UNITS:
        return _NAME_UNITS[match.group(1).strip()]
    return ""


def _decimal_or_none(text):
    return Decimal(text) if text is not None else None


def _build_indicator(row, *, unit_line, pre_note, source_text):
    targets = {year: row.cells_by_year.get(year, "") for year in YEARS}
    unit = _indicator_unit(row, unit_line, targets)
    values = {
        year: parse_number(text) if text and is_numeric_cell(text, unit) else None
        for year, text in targets.items()
    }
    for year, value in (row.values or {}).items():
        values[int(year)] = _decimal_or_none(value)
    return Indicator(
        number=0,  # numbered in document order by _parse_projects
        position=0,
        name=row.name,
        unit=unit,
        direction=row.direction or _derive_direction(targets, values),
        note=" ".join(x for x in (pre_note, row.note) if x),
        targets=targets,
        values=values,
        source_text=source_text,
        corrected=row.corrected,
    )


def _apply_overrides(indicators, overrides):
    """A correction's "overrides": the generic reading, with a few fields set by hand."""
    for override in overrides:
        indicator = indicators[override["position"] - 1]
        if "unit" in override:
            indicator.unit = override["unit"]
        for year, value in override.get("values", {}).items():
            indicator.values[int(year)] = _decimal_or_none(value)
        if "direction" in override:
            indicator.direction = override["direction"]
        indicator.corrected = True


def parse_indicator_block(block, *, project_number, correction=None):
    """The text between "연차별 성과지표" and "작 성 자" → a list of Indicator.

    The table is read generically unless a reviewed correction gives its rows ("indicators");
    a correction may instead set a few fields of the generic reading ("overrides")."""
    header = _TABLE_HEADER.search(block)
    if not header:
        raise PlanParseError(f"세부사업{project_number}: no indicator table header")
    years = [int(y) for y in header.group("years").split()] + [2030]
    before = squash(block[: header.start()])
    rest = squash(block[header.end() :])
    unit_line = pre_note = ""
    if before:
        match = re.fullmatch(r"\(단위\s*:\s*(.+?)\)", before)
        if match:
            unit_line = match.group(1).strip()
        else:
            pre_note = before

    correction = correction or {}
    if "indicators" in correction:
        _check_correction_words(rest, correction, project_number)
        rows = _corrected_rows(correction)
    else:
        rows = _generic_rows(rest, years)
        if not rows:
            raise PlanParseError(
                f"세부사업{project_number}: indicator table not readable, add a correction: "
                f"{rest!r}"
            )
    indicators = [
        _build_indicator(row, unit_line=unit_line, pre_note=pre_note, source_text=squash(block))
        for row in rows
    ]
    if "indicators" not in correction:
        _apply_overrides(indicators, correction.get("overrides", []))
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
    contacts = []
    departments = []
    for role, people in _roles(text):
        contacts.extend(_contacts(role, people))
        if role in ("담당", "팀장") or role.endswith("팀장"):
            continue
        match = _UNIT_ROLE.match(role)
        if match and match.group("unit") not in departments:
            departments.append(match.group("unit"))
    return contacts, departments


def _roles(text):
    """[(role, the people named after it)]: "A : x ☎1 B : y" → [("A", "x ☎1"), ("B", "y")].
    Between two colons, the text up to the last phone number (or else the first word) is the
    people of the role before, the rest the next role."""
    pieces = squash(text.replace("작 성 자", " ")).split(":")
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
    return [(role, body.strip(" ,")) for role, body in zip(roles, bodies, strict=True)]


def _contacts(role, people):
    """The Contacts of one role: each name with its phone, or the text as a name if no phone."""
    found = list(_PERSON.finditer(people))
    if not found:
        return [Contact(role=role, name=people, phone="")] if people else []
    return [
        Contact(
            role=role,
            name=(person.group("name") or "").strip(" ,"),
            phone=(person.group("phone") or person.group("glued") or "").strip(),
        )
        for person in found
    ]


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
        head, body = _heading_and_body(chunk)
        pieces = re.split(r"(?:^|\s)○\s*", body)
        items = [_section_item(piece) for piece in pieces[1:]]
        sections.append(Section(heading=head, intro=pieces[0].strip(), items=items))
    return sections


def _heading_and_body(chunk):
    """A section's heading runs to its first bullet; a longer one is a heading followed by a
    table, whose first words (and any parenthesis they open) are kept as the heading."""
    match = _BULLET_HEAD.search(chunk)
    head = chunk[: match.start()].strip() if match else chunk
    body = chunk[match.start() :] if match else ""
    if len(head) > 40:
        words = head.split(" ")
        n = 2
        while n < len(words) and " ".join(words[:n]).count("(") > " ".join(words[:n]).count(")"):
            n += 1
        head, body = " ".join(words[:n]), " ".join(words[n:]) + (" " + body if body else "")
    if head.endswith(":"):
        head = head[:-1].strip()
    return head, body


def _section_item(piece):
    """The text after a "○": the item and its "-" sub-items. "- " opens a sub-item unless the
    next word is another dash: a run of "-" is the empty cells of a flattened table and stays
    in the text."""
    subs = re.split(r"(?<!-)\s-\s*(?=[^\s-])", " " + piece.strip())
    return SectionItem(text=subs[0].strip(), children=[s.strip() for s in subs[1:] if s])


# --------------------------------------------------------------------------------------------
# the whole document


def load_corrections(path=DEFAULT_CORRECTIONS):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {entry["project"]: entry for entry in data["corrections"]}


def parse_plan_file(path=DEFAULT_SOURCE, corrections_path=DEFAULT_CORRECTIONS):
    text = Path(path).read_text(encoding="utf-8")
    corrections = load_corrections(corrections_path) if corrections_path else {}
    return parse_plan(text, corrections=corrections)


def parse_plan(text, *, corrections=None):
    """The whole document → Plan, in stages: the body and its front matter (the document's own
    totals, the overview table, the table of contents), the strategies with their goals, the
    tasks, the projects with their indicators (and the projects the plan repeats), then the
    document's counts against its body. Each stage adds what it finds disagreeing to the
    discrepancies, in that order."""
    corrections = corrections or {}
    discrepancies = []
    body = _body(text, discrepancies)
    front = _front_matter(body)
    overview = _overview_table(front)
    outline = _Outline(body)
    strategies, goal_of_task = _parse_strategies(outline, overview, discrepancies)
    tasks_by_number = _parse_tasks(outline, goal_of_task)
    _parse_projects(outline, tasks_by_number, corrections, discrepancies)
    plan = Plan(
        title=_title(text),
        strategies=strategies,
        discrepancies=discrepancies,
        stated_totals=_stated_totals(body),
    )
    _check_counts(plan, overview, _table_of_contents(front), discrepancies)
    unused = set(corrections) - {p.number for p in plan.projects}
    if unused:
        raise PlanParseError(f"corrections for unknown projects: {sorted(unused)}")
    return plan


# front matter


def _body(text, discrepancies):
    """The document's longest line, which holds all of it but the page furniture, with the
    middle dots lost in conversion restored (noted as one discrepancy)."""
    lines = [line for line in text.split("\n") if line.strip()]
    body_line = max(lines, key=len)
    artefacts = len(_LOST_MIDDLE_DOT.findall(body_line))
    if artefacts:
        discrepancies.append(
            Discrepancy(
                "artefact",
                "whole document",
                f"{artefacts} characters lost in conversion between two letters ('?') read as "
                "'·'; other '?' kept as written",
            )
        )
    return restore_middle_dots(body_line)


def _title(text):
    match = re.search(r"제2차 서울특별시 지속가능발전 이행계획\s*\(2020년~2024년\)", text)
    return squash(match.group(0)) if match else "제2차 서울특별시 지속가능발전 이행계획"


def _stated_totals(body):
    """The document's own totals: "4대 전략 총 17대 과제 총 97개 이행과제 총 106개 세부사업 …",
    and the number of indicators of its new (유형②) projects."""
    stated_totals = {}
    for key, pattern in (
        ("strategies", r"(\d+)대 전략"),
        ("goals", r"총 (\d+)대 과제"),
        ("tasks", r"총 (\d+)개 이행과제"),
        ("projects", r"총 (\d+)개 세부사업"),
        ("indicators", r"총 (\d+)개 성과지표"),
        ("new_project_indicators", r"유형② \S+ \S+ \S+ (\d+)개"),
    ):
        match = re.search(pattern, body)
        if match:
            stated_totals[key] = int(match.group(1))
    return stated_totals


def _front_matter(body):
    """The body before the first strategy section (overview table, table of contents)."""
    first_strategy = re.search(r"전략1\. .{1,40}? \(\d대 과제 및 \d+개 이행과제\)", body)
    if not first_strategy:
        raise PlanParseError("no strategy section (전략1. … (N대 과제 및 M개 이행과제))")
    return body[: first_strategy.start()]


def _overview_table(front):
    """{goal code: title, priority, (tasks, projects, indicators)} from the overview table:
    "1-1.모든 형태의 빈곤 종식을 위한 노력 4개 4개 4개", 역점 before the counts."""
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
    return overview


def _table_of_contents(front):
    """{strategy number: tasks} from the table of contents: "전략4. 함께 만드는 서울(22개
    이행과제) 88"."""
    return {
        int(m.group(1)): int(m.group(2))
        for m in re.finditer(r"전략(\d)\. [^()]+\((\d+)개 이행과제\) \d+", front)
    }


# strategies, goals, tasks, projects

_STRATEGY_MARK = re.compile(
    r"전략(?P<n>\d)\. (?P<title>.{1,40}?) \((?P<goals>\d)대 과제 및 (?P<tasks>\d+)개 이행과제\)"
)
_GOAL_MARK = re.compile(r"(?P<code>\d-\d)\. (?P<title>[^()]+?) \((?P<n>\d+)\)")
_TASK_MARK = re.compile(r"이행과제(\d+)\.\s*")
_PROJECT_MARK = re.compile(r"세부사업(\d+)\.\s*●\s*")


class _Outline:
    """Where each strategy, task and project starts in the body. The text a strategy or a
    project mark opens runs to the next mark of any kind."""

    def __init__(self, body):
        self.body = body
        self.strategies = list(_STRATEGY_MARK.finditer(body))
        self.tasks = list(_TASK_MARK.finditer(body))
        self.projects = list(_PROJECT_MARK.finditer(body))
        marks = [*self.strategies, *self.tasks, *self.projects]
        self._cuts = sorted([m.start() for m in marks] + [len(body)])

    def text_of(self, mark):
        end = next(cut for cut in self._cuts if cut > mark.start())
        return self.body[mark.end() : end]

    def task_title(self, task_mark):
        """A task's title: the text up to its first project."""
        end = next(m.start() for m in self.projects if m.start() > task_mark.start())
        return squash(self.body[task_mark.end() : end])

    def task_number_of(self, project_mark):
        """The number of the task a project belongs to: the last one opened before it."""
        before = [t for t in self.tasks if t.start() < project_mark.start()]
        return int(max(before, key=lambda t: t.start()).group(1))


def _parse_strategies(outline, overview, discrepancies):
    """The strategies with their goals, and {task number: Goal}: a strategy's introduction lists
    each goal's tasks by number."""
    strategies = []
    goal_of_task = {}
    for mark in outline.strategies:
        number = int(mark.group("n"))
        strategy = Strategy(number=number, title=squash(mark.group("title")), goals=[])
        strategies.append(strategy)
        for goal, task_numbers in _parse_goals(outline.text_of(mark), overview, discrepancies):
            strategy.goals.append(goal)
            goal_of_task.update(dict.fromkeys(task_numbers, goal))
        stated_goals = int(mark.group("goals"))
        if stated_goals != len(strategy.goals):
            discrepancies.append(
                Discrepancy(
                    "count",
                    f"전략{number}",
                    f"heading says {stated_goals} goals, the section has {len(strategy.goals)}",
                )
            )
        strategy.stated_tasks = int(mark.group("tasks"))  # checked by _check_counts
    return strategies, goal_of_task


def _parse_goals(intro, overview, discrepancies):
    """[(Goal, its task numbers)] from a strategy's introduction: "1-1. … (4) 1. … 2. …"."""
    marks = list(_GOAL_MARK.finditer(intro))
    goals = []
    for mark, next_mark in zip(marks, [*marks[1:], None], strict=True):
        code = mark.group("code")
        listing = intro[mark.end() : next_mark.start() if next_mark else None]
        task_numbers = [int(n) for n in re.findall(r"(?:^|\s)(\d{1,2})\.\s", listing)]
        info = overview.get(code, {})
        goal = Goal(
            code=code,
            number=int(code.split("-")[1]),
            title=squash(mark.group("title")),
            priority=info.get("priority", False),
            un_sdg=UN_SDG_BY_GOAL[code],
            planned_counts=info.get("counts"),
            tasks=[],
        )
        goals.append((goal, task_numbers))
        if int(mark.group("n")) != len(task_numbers):
            discrepancies.append(
                Discrepancy(
                    "count",
                    f"과제 {code}",
                    f"heading says ({mark.group('n')}) tasks, lists {len(task_numbers)}",
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
    return goals


def _parse_tasks(outline, goal_of_task):
    """Each "이행과제N. …", added to the goal that lists it. Returns {number: Task}."""
    tasks_by_number = {}
    for mark in outline.tasks:
        number = int(mark.group(1))
        task = Task(number=number, title=outline.task_title(mark), projects=[])
        goal = goal_of_task.get(number)
        if goal is None:
            raise PlanParseError(f"이행과제{number} is listed under no goal")
        goal.tasks.append(task)
        tasks_by_number[number] = task
    return tasks_by_number


def _parse_projects(outline, tasks_by_number, corrections, discrepancies):
    """Each "세부사업N. ●…", added to its task; its indicators numbered in document order. A
    project the plan has already given under another task is noted as a repeat."""
    indicator_numbers = count(1)
    first_of_name = {}
    for mark in outline.projects:
        number = int(mark.group(1))
        task = tasks_by_number[outline.task_number_of(mark)]
        correction = corrections.get(number)
        project = _parse_project(number, outline.text_of(mark), correction)
        if correction:
            discrepancies.append(
                Discrepancy("correction", f"세부사업{number}", correction["reason"])
            )
        for position, indicator in enumerate(project.indicators, start=1):
            indicator.number = next(indicator_numbers)
            indicator.position = position
        task.projects.append(project)
        earlier = first_of_name.setdefault(project.name, project)
        if earlier is not project:
            discrepancies.append(
                Discrepancy("repeat", f"세부사업{number}", _repeat_message(project, earlier, task))
            )


def _parse_project(number, text, correction):
    """A project's text (after "세부사업N. ●") → Project: its name (" 미래" after it marks a new
    project), its sections, its indicator table and its 작 성 자 (contacts, departments)."""
    first_section = text.find("??")
    name = squash(text[:first_section])
    kind = KIND_EXISTING
    if name.endswith(" 미래"):
        name, kind = name[: -len(" 미래")], KIND_NEW
    table_at = text.find("연차별 성과지표")
    author_at = text.find("작 성 자", table_at)
    if table_at < 0 or author_at < 0:
        raise PlanParseError(f"세부사업{number}: no indicator table or no 작 성 자")
    sections_text = re.sub(r"\?\?\s*$", "", text[first_section:table_at].rstrip())
    block = text[table_at + len("연차별 성과지표") : author_at]
    contacts, departments = parse_contacts(text[author_at:])
    indicators = parse_indicator_block(block, project_number=number, correction=correction)
    return Project(
        number=number,
        name=name,
        kind=kind,
        sections=parse_sections(sections_text),
        departments=departments,
        contacts=contacts,
        indicators=indicators,
    )


def _repeat_message(project, earlier, task):
    """What a project given twice (same name) says the second time: the same indicators, or
    which targets differ."""
    readings = [
        tuple((i.name, tuple(i.targets.items())) for i in p.indicators) for p in (project, earlier)
    ]
    if readings[0] == readings[1]:
        return (
            f"repeats 세부사업{earlier.number} (same name and indicator) under "
            f"이행과제{task.number}; counted separately, as in the plan's totals"
        )
    diffs = [
        f"{ind.name} {year}: '{a}' here, '{b}' in 세부사업{earlier.number}"
        for ind, old in zip(project.indicators, earlier.indicators, strict=False)
        for year in YEARS
        if (a := ind.targets[year]) != (b := old.targets[year])
    ]
    return (
        f"repeats 세부사업{earlier.number} under 이행과제{task.number}, but differs: "
        + "; ".join(diffs)
    )


# the document's counts against its body


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
        _check_strategy_counts(strategy, toc, discrepancies)
    missing = set(UN_SDG_BY_GOAL) - {g.code for g in plan.goals}
    if missing or not overview:
        raise PlanParseError(f"goals not found: {sorted(missing)}")


def _check_strategy_counts(strategy, toc, discrepancies):
    """A strategy's tasks against its heading and the table of contents; each goal's tasks,
    projects and indicators against the overview table."""
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
