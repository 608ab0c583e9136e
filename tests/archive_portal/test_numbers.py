"""archive_portal.lib.numbers.parse_int: the one way visitor input becomes a number."""

import unicodedata

import pytest

from archive_portal.lib.numbers import parse_int

# Every character Python calls a digit that is not 0-9: int() or isdigit() misread them.
UNICODE_DIGITS = [
    chr(code)
    for code in range(0x110000)
    if chr(code).isdigit() and not "0" <= chr(code) <= "9" and unicodedata.category(chr(code))
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2024", 2024), ("0", 0), ("007", 7), (2024, 2024), ("1" * 18, int("1" * 18))],
)
def test_plain_ascii_digits_are_numbers(raw, expected):
    assert parse_int(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["²", "١٢", "２０２４", "12 ", " 12", "1_000", "-1", "+1", "1.0", "", None, True, "1" * 19,
     "0x10", "1e3", "\x00", "12\x00"],
)  # fmt: skip
def test_anything_else_is_the_default(raw):
    assert parse_int(raw, default="none") == "none"


def test_every_unicode_digit_class_is_refused():
    assert len(UNICODE_DIGITS) > 500  # superscripts, Arabic-Indic, full-width, Thai, Devanagari…
    assert {parse_int(digit) for digit in UNICODE_DIGITS} == {None}
    assert {parse_int(f"20{digit}4") for digit in UNICODE_DIGITS} == {None}


def test_bounds():
    assert parse_int("1899", minimum=1900) is None
    assert parse_int("2101", maximum=2100) is None
    assert parse_int("2000", minimum=1900, maximum=2100) == 2000
