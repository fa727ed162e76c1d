"""What every text we write into a generated workbook or CSV file goes through, per medium.

Two dangers. A spreadsheet program treats a cell text starting with `=`, `+`, `-` or `@` (and,
in some programs, a tab or carriage return) as a formula: user data echoed back must never
become one, so such a text gets a leading apostrophe (`neutralise`). And XML 1.0 cannot hold
most control characters: one of them in a cell, a comment or a sheet name makes the whole
workbook invalid (Excel refuses to open it). Readers hand them to us from harmless-looking
files, since an xlsx writes them escaped (`_x001B_`) and python-calamine decodes the escape.

One helper per medium, each used by every writer of that medium:

- `cell_value(value)`: a cell of a workbook we generate (Erreurs sheet, bilan, corrected copy);
- `comment_text(text)`: a cell comment;
- `sheet_title(name)`: a sheet name;
- `visible(text)`: a user's value quoted in a French message (a control character shows as
  `�`, so the person sees where the odd character is);
- `strip_controls(text)`: the rule under all of them.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_TEXT_LIMIT = 32_767  # characters in one Excel cell
SHEET_TITLE_LIMIT = 31
# Characters XML 1.0 cannot hold (tab, line feed and carriage return are fine), and the
# OOXML escapes `_xHHHH_` that readers decode into one of them.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
    "|_x(?:000[0-8bBcCeEfF]|001[0-9a-fA-F]|[fF]{3}[eEfF])_"
)
_TITLE_FORBIDDEN = re.compile(r"[\\/?*:\[\]]")


def strip_controls(text: str) -> str:
    """`text` without the characters an XML part cannot hold (nor their `_xHHHH_` escapes)."""
    return _CONTROLS.sub("", text)


def visible(text: str) -> str:
    """`text` with each character an XML part cannot hold shown as `�` (U+FFFD)."""
    return _CONTROLS.sub("\ufffd", text)


def neutralise(value: object) -> object:
    """The value, with a leading `'` when it is a text a spreadsheet could run as a formula.

    Anything that is not a `str` (numbers, dates, None) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell_value(value: object) -> object:
    """A value fit for a cell we write: storable XML, within Excel's limits, never a formula.

    Numbers, booleans, dates and None are written as they are; anything else as text.
    """
    if value is None or isinstance(value, bool | int | float):
        return value
    if not isinstance(value, str):
        if hasattr(value, "isoformat"):  # date, datetime, time: written as what they are
            return value
        value = str(value)
    return neutralise(strip_controls(value)[:CELL_TEXT_LIMIT])


def comment_text(text: str) -> str:
    """A comment's text: storable XML, never read as a formula."""
    return str(neutralise(strip_controls(text)))


def sheet_title(name: str, default: str = "Feuille") -> str:
    """A sheet name Excel accepts: no control character, none of `\\ / ? * : [ ]`, ≤ 31."""
    title = _TITLE_FORBIDDEN.sub(" ", strip_controls(name)).strip().strip("'")
    return title[:SHEET_TITLE_LIMIT].strip() or default


def retitle_sheets(book) -> None:
    """Give each sheet of an openpyxl workbook being written back a name `sheet_title` accepts."""
    for sheet in book.worksheets:
        title = sheet_title(sheet.title)
        if title != sheet.title:
            sheet.title = title
