"""A year's actual values from a CSV or Excel file: the evaluation team's import.

`read_rows(file)` reads the file (the template's columns, by header name); `check_rows(rows, year)`
checks every row and reports each bad one (unknown indicator, unit mismatch, non-numeric value,
year outside the plan, unknown department, missing source or date) before anything is saved;
`actuals_import(rows, year)` saves the checked rows in one transaction. The template
(`template_rows`) lists every indicator with its unit, ready to fill in.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from sdg_plan.models import REPORTING_YEARS, Actual, Department, Indicator

#: The template's columns, in order; the import finds them by these header names.
COLUMNS = [
    "indicator",
    "indicator_name",
    "unit",
    "year",
    "value",
    "source",
    "source_url",
    "reported_on",
    "note",
    "department",
]
REQUIRED_COLUMNS = {"indicator", "year", "value", "source", "reported_on", "department"}
MAX_ROWS = 2000  # the plan has 109 indicators: a file far longer than that is a mistake
XLSX_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The file is neither a CSV nor an Excel workbook we can read, or lacks required columns."""


@dataclass
class Row:
    line: int  # the row's number in the file (the header is line 1)
    cells: dict
    errors: list = field(default_factory=list)
    indicator: Indicator | None = None
    department: Department | None = None
    value: Decimal | None = None
    reported_on: datetime.date | None = None
    existing: Actual | None = None

    @property
    def is_empty(self):
        """A template row left without a value: skipped, not an error."""
        return not self.cells.get("value", "").strip()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data):
    from openpyxl import load_workbook  # only needed for Excel files

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(_("The Excel file could not be read.")) from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _csv_rows(data):
    for encoding in ("utf-8-sig", "cp949"):  # Excel in Korean saves CSV as CP949
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile(_("The CSV file is not in UTF-8 or CP949 (Korean Excel)."))
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def read_rows(data):
    """The file's rows as Row objects keyed by column name; raises UnreadableFile."""
    table = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    table = [row for row in table if any(row)]
    if not table:
        raise UnreadableFile(_("The file is empty."))
    header = [name.strip().lower() for name in table[0]]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        raise UnreadableFile(
            _("Columns missing from the first row: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise UnreadableFile(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
    return [
        Row(line=number, cells=dict(zip(header, cells + [""] * len(header), strict=False)))
        for number, cells in enumerate(table[1:], start=2)
    ]


def _parse_number(text):
    cleaned = text.replace(",", "").replace(" ", "")
    if not cleaned.isascii():
        return None  # superscripts and other Unicode digits are not values
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_row(row, year, indicators, departments, allowed_departments):
    cells = row.cells
    number = cells.get("indicator", "")
    row.indicator = indicators.get(number) if number.isascii() and number.isdigit() else None
    if row.indicator is None:
        row.errors.append(_("Unknown indicator “%(number)s”.") % {"number": number})
    row_year = cells.get("year", "")
    if row_year != str(year):
        if not (row_year.isascii() and row_year.isdigit()) or int(row_year) not in REPORTING_YEARS:
            row.errors.append(
                _("Year “%(year)s” is outside the plan (%(first)s–%(last)s).")
                % {"year": row_year, "first": REPORTING_YEARS[0], "last": REPORTING_YEARS[-1]}
            )
        else:
            row.errors.append(
                _("Year %(year)s is not the year being imported (%(imported)s).")
                % {"year": row_year, "imported": year}
            )
    unit = cells.get("unit", "")
    if row.indicator and unit and unit != row.indicator.unit:
        row.errors.append(
            _("Unit “%(unit)s” does not match the indicator's unit “%(expected)s”.")
            % {"unit": unit, "expected": row.indicator.unit or "–"}
        )
    row.value = _parse_number(cells.get("value", ""))
    if row.value is None:
        row.errors.append(
            _("Value “%(value)s” is not a number.") % {"value": cells.get("value", "")}
        )
    elif abs(row.value) >= Decimal(10) ** 16:
        row.errors.append(_("Value “%(value)s” is too large.") % {"value": cells["value"]})
    if not cells.get("source"):
        row.errors.append(_("The source is missing."))
    elif len(cells["source"]) > Actual._meta.get_field("source").max_length:
        row.errors.append(_("The source is longer than 300 characters."))
    try:
        row.reported_on = datetime.date.fromisoformat(cells.get("reported_on", ""))
    except ValueError:
        row.errors.append(
            _("Date “%(date)s” is not a date (YYYY-MM-DD).")
            % {"date": cells.get("reported_on", "")}
        )
    name = cells.get("department", "")
    row.department = departments.get(name)
    if row.department is None:
        row.errors.append(_("Unknown department “%(name)s”.") % {"name": name})
    elif allowed_departments is not None and row.department.pk not in allowed_departments:
        row.errors.append(_("You do not report for the department “%(name)s”.") % {"name": name})
    url = cells.get("source_url", "")
    if url and not url.startswith(("https://", "http://")):
        row.errors.append(_("The source link must start with https://."))


def check_rows(rows, *, year, allowed_departments=None):
    """Check every row (3 queries, whatever their number); returns (rows to save, bad rows).

    `allowed_departments`: department ids the importing user may report for (None: all)."""
    indicators = {str(i.number): i for i in Indicator.objects.all()}
    departments = {d.name: d for d in Department.objects.all()}
    existing = {
        a.indicator_id: a for a in Actual.objects.filter(year=year).select_related("department")
    }
    good, bad = [], []
    seen = {}
    for row in rows:
        if row.is_empty:
            continue
        _check_row(row, year, indicators, departments, allowed_departments)
        if row.indicator:
            if row.indicator.pk in seen:
                row.errors.append(
                    _("Indicator %(number)s appears twice (also on row %(line)s).")
                    % {"number": row.indicator.number, "line": seen[row.indicator.pk]}
                )
            seen.setdefault(row.indicator.pk, row.line)
            row.existing = existing.get(row.indicator.pk)
        (bad if row.errors else good).append(row)
    return good, bad


def actuals_import(*, rows, year):
    """Save checked rows (one transaction): each indicator's value for `year`, created or
    replaced. Each save goes through the model, so the history records who changed what."""
    saved = 0
    with transaction.atomic():
        for row in rows:
            Actual.objects.update_or_create(
                indicator=row.indicator,
                year=year,
                defaults={
                    "value": row.value,
                    "source": row.cells["source"],
                    "source_url": row.cells.get("source_url", ""),
                    "reported_on": row.reported_on,
                    "note": row.cells.get("note", ""),
                    "department": row.department,
                },
            )
            saved += 1
    return saved


def template_rows(*, year, indicators):
    """The template's rows: one per indicator, with its current value for `year` if any."""
    yield COLUMNS
    for indicator in indicators:
        actual = next((a for a in indicator.actuals.all() if a.year == year), None)
        department = actual.department if actual and actual.department else None
        if department is None:
            lead = indicator.project.responsibilities.all()[:1]
            department = lead[0].department if lead else None
        yield [
            indicator.number,
            indicator.name,
            indicator.unit,
            year,
            format(actual.value.normalize(), "f") if actual else "",
            actual.source if actual else "",
            actual.source_url if actual else "",
            actual.reported_on.isoformat() if actual else "",
            actual.note if actual else "",
            department.name if department else "",
        ]
