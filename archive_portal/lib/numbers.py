"""Whole numbers from visitors' input (query strings, form values, path segments).

`str.isdigit()` accepts superscripts and other Unicode digits that `int()` then refuses ("²"), and
`int()` itself accepts Arabic-Indic or full-width digits, spaces and underscores ("١٢", " 1_0 ").
Neither belongs in an address: input is a number only when it is 1 to 18 ASCII digits. Every
place that turns visitor input into a number goes through `parse_int`.
"""

import re

_ASCII_DIGITS = re.compile(r"[0-9]{1,18}", re.ASCII)


def parse_int(value, default=None, *, minimum=None, maximum=None):
    """`value` as a non-negative int when it is plain ASCII digits within [minimum, maximum];
    `default` otherwise (never an exception)."""
    if isinstance(value, bool) or value is None:
        return default
    text = str(value)
    if not _ASCII_DIGITS.fullmatch(text):
        return default
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number
