"""The one strict reading of the cell, row and range references a worksheet part holds.

A reference is `[A-Z]{1,3}` then the row digits, without leading zero; the row and the column
are compared as integers with the budgets (`budgets.MAX_ROW`, `budgets.MAX_COLUMNS`). Anything
else — lower case, zero padding, `$`, spaces, entities — is refused as `file.suspicious`:
readers parse these references their own way (python-calamine took `xfd1048576` for a column
beyond the 549 GB mark, and `AX00001048576` for row 1,048,576) and size their grids from them.

`check_part(xml)` reads every `r` attribute (cells and rows) and every `ref` attribute
(dimension, merged cells, hyperlinks, comments, shared formulas) of a part with these
functions. To stay fast on a 50,000-line sheet it first lets a regular expression skip the
references that are plainly canonical and within budget (built from the budgets, and tested to
accept nothing `cell` refuses); only the others go through the strict functions. The fast
expressions look for attributes written ` r="…"`, as every common writer does; a part that
may hold one written another way (`r = '…'`) is searched by a slower, complete expression.
"""

from __future__ import annotations

import re

from cmg_core.workbook import budgets
from cmg_core.workbook.rejected import WorkbookRejected

Position = tuple[int, int]  # (excel_row, excel_col), both 1-based

_CELL = re.compile(rb"([A-Z]{1,3})([1-9][0-9]{0,6})")
_ROW = re.compile(rb"[1-9][0-9]{0,6}")


def column_index(letters: str | bytes) -> int:
    """`A` → 1, `AX` → 50."""
    index = 0
    for letter in letters.encode() if isinstance(letters, str) else letters:
        index = index * 26 + letter - 64
    return index


def column_letters(index: int) -> str:
    """1 → `A`, 64 → `BL`."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def check_position(row: int, column: int) -> Position:
    """`(row, column)` when both are within the budgets; raises `file.suspicious` otherwise."""
    if row > budgets.MAX_ROW:
        raise WorkbookRejected("file.suspicious", reason="rows", rows=row, limit=budgets.MAX_ROW)
    if column > budgets.MAX_COLUMNS:
        raise WorkbookRejected(
            "file.suspicious", reason="columns", columns=column, limit=budgets.MAX_COLUMNS
        )
    return row, column


def cell(reference: bytes | str) -> Position:
    """`(row, column)` of a cell reference such as `B12`, read strictly and within budget."""
    raw = reference.encode() if isinstance(reference, str) else reference
    match = _CELL.fullmatch(raw)
    if match is None:
        raise WorkbookRejected("file.suspicious", reason="reference")
    return check_position(int(match.group(2)), column_index(match.group(1)))


def row(number: bytes | str) -> int:
    """A row number such as `12` (a `<row r="12">`), read strictly and within budget."""
    raw = number.encode() if isinstance(number, str) else number
    if _ROW.fullmatch(raw) is None:
        raise WorkbookRejected("file.suspicious", reason="reference")
    return check_position(int(raw), 1)[0]


def area(reference: bytes | str) -> tuple[Position, Position]:
    """The corners of `A1` or `A1:I5001`, each read by `cell`."""
    raw = reference.encode() if isinstance(reference, str) else reference
    first, _, last = raw.partition(b":")
    return cell(first), cell(last or first)


# --- the fast scan of a whole part -------------------------------------------------------


def _numbers_up_to(limit: int) -> bytes:
    """A pattern of the decimal numbers 1…n without leading zero, n ≤ `limit`, n + 1 a round
    leading digit (50,020 → 1…49,999): short, and never beyond `limit`."""
    digits = len(str(limit))
    alternatives = [rb"[1-9][0-9]{0,%d}" % (digits - 2)] if digits > 1 else []
    lead = int(str(limit)[0]) - (0 if str(limit)[1:] == "9" * (digits - 1) else 1)
    if lead >= 1:
        alternatives.append(rb"[1-%d][0-9]{%d}" % (lead, digits - 1))
    return b"(?:" + b"|".join(alternatives) + b")"


def _columns_up_to(limit: int) -> bytes:
    """A pattern of the column letters A…`column_letters(limit)` (64 → `[A-Z]|A[A-Z]|B[A-L]`)."""
    if limit > 26 * 27:
        raise ValueError("three-letter column budgets are not supported")
    alternatives = [b"[A-%s]" % column_letters(min(limit, 26)).encode()]
    for first in range(27, limit + 1, 26):  # two letters, 26 columns per first letter
        prefix = column_letters((first - 1) // 26).encode()
        last = column_letters(min(limit, first + 25) - first + 1).encode()
        alternatives.append(prefix + b"[A-%s]" % last)
    return b"(?:" + b"|".join(alternatives) + b")"


_COLUMN = _columns_up_to(budgets.MAX_COLUMNS)
_NUMBER = _numbers_up_to(budgets.MAX_ROW)
_PLAIN_CELL = _COLUMN + _NUMBER
_PLAIN_R = _COLUMN + b"?" + _NUMBER  # a cell, or a row number
_PLAIN_REF = _PLAIN_CELL + b"(?::" + _PLAIN_CELL + b")?"
# As Excel and every common writer write them: ` r="…"` and ` ref="…"`, the value not plain.
_LITERAL_R = re.compile(rb' r="(?!' + _PLAIN_R + rb'")')
_LITERAL_REF = re.compile(rb' ref="(?!' + _PLAIN_REF + rb'")')
# Written any way XML allows (other white space, spaces around `=`, single quotes).
_ANY_WAY = re.compile(
    rb"\s(?:(r)\s*=\s*(?!\"" + _PLAIN_R + rb"\")|(ref)\s*=\s*(?!\"" + _PLAIN_REF + rb"\"))"
)
# Whether a part may hold an attribute written another way than ` name="`: white space other
# than a space, a space before or after `=`, or a single quote (each test is a fast search).
_LINE_SPACES = (b"\t", b"\n", b"\r")
_SPACED_EQUALS = re.compile(rb"=[ ']")
_VALUE = re.compile(rb"\"([^\"]*)\"|'([^']*)'")


def check_part(xml: bytes) -> None:
    """Every `r` and `ref` attribute of the XML part read strictly; raises on the first refused.

    An `r` of digits only is a row number (`<row r="12">`); any other `r` a cell; a `ref` a
    cell or a range.
    """
    if _written_other_ways(xml):
        suspects = ((m, bool(m.group(2))) for m in _ANY_WAY.finditer(xml))
    else:
        suspects = _literal_suspects(xml)
    for match, is_range in suspects:
        if xml.rfind(b"<", 0, match.start()) < xml.rfind(b">", 0, match.start()):
            continue  # text between tags, not an attribute
        value = _VALUE.match(xml, match.end() - (0 if match.re is _ANY_WAY else 1))
        if value is None:
            raise WorkbookRejected("file.suspicious", reason="reference")
        text = value.group(1) if value.group(1) is not None else value.group(2)
        if is_range:
            area(text)
        elif text[:1].isdigit():
            row(text)
        else:
            cell(text)


def _written_other_ways(xml: bytes) -> bool:
    if any(space in xml for space in _LINE_SPACES):
        return True
    return b" =" in xml or _SPACED_EQUALS.search(xml) is not None


def _literal_suspects(xml: bytes):
    yield from ((match, False) for match in _LITERAL_R.finditer(xml))
    yield from ((match, True) for match in _LITERAL_REF.finditer(xml))
