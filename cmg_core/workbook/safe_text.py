"""Formula-injection guard for every text we write into a generated workbook or CSV file.

A spreadsheet program treats a cell text starting with `=`, `+`, `-` or `@` (and, in some
programs, a tab or carriage return) as a formula. User data echoed back in a report must never
become one, so such a text gets a leading apostrophe, which shows it as plain text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """The value, with a leading `'` when it is a text a spreadsheet could run as a formula.

    Anything that is not a `str` (numbers, dates, None) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
