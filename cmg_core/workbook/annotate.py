"""The user's own workbook given back with the pre-check's findings marked on it.

A first sheet "Erreurs" lists every finding (errors, then warnings, then infos, by row), each
with a link to its cell. In the checked sheet — the first visible worksheet holding a value,
the one the pre-check reads — each faulty cell is filled (red error wins over orange warning)
and carries one comment with all its findings. File-level findings are only listed. Every
text written passes through `safe_text` (no formula, no control character). A workbook annotated
before is cleaned of that earlier annotation first. The rest of the workbook is kept as
openpyxl keeps it (data, formats, formulas, other sheets; openpyxl drops images and charts).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.worksheet import Worksheet

from cmg_core.findings import Finding, Severity
from cmg_core.workbook.errors_sheet import (
    AUTHOR,
    ERRORS_SHEET,
    SEVERITY_LABELS,
    is_errors_sheet,
    write_errors,
)
from cmg_core.workbook.reader import check_package
from cmg_core.workbook.rejected import WorkbookRejected
from cmg_core.workbook.safe_text import comment_text, retitle_sheets

FILLS = {
    Severity.ERROR: "FFC7CE",
    Severity.WARNING: "FFE0B2",
    Severity.INFO: "E3E3FD",
}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_CELL = re.compile(r"[A-Z]{1,3}")
_LAST_ROW = 1_048_576
_COMMENT_WIDTH = 320  # pixels, as openpyxl writes them in the VML shape
_CHARS_PER_LINE = 42
# What openpyxl may raise on a damaged package that the guards let through.
_OPENPYXL_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
)


def annotate(data: bytes, findings: Sequence[Finding]) -> bytes:
    """The xlsx `data` with `findings` marked; raises `WorkbookRejected` if it cannot be opened."""
    check_package(data)
    try:
        book = load_workbook(io.BytesIO(data), rich_text=False)
    except _OPENPYXL_ERRORS as exc:
        raise WorkbookRejected("file.unreadable", reason="annotate") from exc
    _remove_earlier_annotation(book)
    retitle_sheets(book)
    sheet = _checked_sheet(book)
    ordered = sorted(findings, key=_reading_order)
    if sheet is not None:
        _mark_cells(sheet, ordered)
    errors = book.create_sheet(ERRORS_SHEET, 0)
    write_errors(errors, ordered, sheet.title if sheet is not None else None)
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False  # else Excel opens with the sheets grouped
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _reading_order(finding: Finding) -> tuple:
    column = finding.column or ""
    return (SEVERITY_ORDER[finding.severity], finding.row or 0, len(column), column)


def _checked_sheet(book: OpenpyxlWorkbook) -> Worksheet | None:
    """The first visible worksheet holding a value: the sheet the pre-check reads."""
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        if any(v is not None for row in sheet.iter_rows(values_only=True) for v in row):
            return sheet
    return None


def _mark_cells(sheet: Worksheet, findings: list[Finding]) -> None:
    by_cell: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if _is_cell(finding):
            by_cell[f"{finding.column}{finding.row}"].append(finding)
    fills = {s: PatternFill("solid", start_color=c, end_color=c) for s, c in FILLS.items()}
    for coordinate, cell_findings in by_cell.items():
        cell = _writable_cell(sheet, coordinate)
        worst = min(cell_findings, key=lambda f: SEVERITY_ORDER[f.severity]).severity
        cell.fill = fills[worst]
        text = _comment_text(cell_findings)
        if cell.comment is not None and cell.comment.author != AUTHOR:
            text += _ORIGINAL + cell.comment.text
        cell.comment = _comment(text)


def _is_cell(finding: Finding) -> bool:
    return (
        finding.row is not None
        and 1 <= finding.row <= _LAST_ROW
        and finding.column is not None
        and _CELL.fullmatch(finding.column) is not None
    )


def _writable_cell(sheet: Worksheet, coordinate: str):
    """The cell, or the top-left cell of the merged range it belongs to."""
    cell = sheet[coordinate]
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if coordinate in merged:
                return sheet.cell(row=merged.min_row, column=merged.min_col)
    return cell


_ORIGINAL = "\n\nCommentaire d'origine :\n"


def _comment_text(findings: list[Finding]) -> str:
    parts = []
    for finding in findings:
        part = f"{SEVERITY_LABELS[finding.severity]} : {finding.message}"
        if finding.hint:
            part += f"\nConseil : {finding.hint}"
        parts.append(part)
    return "\n\n".join(parts)


def _comment(text: str) -> Comment:
    safe = comment_text(text)
    lines = sum(1 + len(line) // _CHARS_PER_LINE for line in safe.split("\n"))
    return Comment(safe, AUTHOR, width=_COMMENT_WIDTH, height=min(20 + 15 * lines, 600))


def _remove_earlier_annotation(book: OpenpyxlWorkbook) -> None:
    """Drop a previous "Erreurs" sheet, and our fills and comments, before marking anew."""
    earlier = [sheet for sheet in book.worksheets if is_errors_sheet(sheet)]
    if not earlier:
        return
    for sheet in earlier:
        book.remove(sheet)
    ours = set(FILLS.values())
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is None or cell.comment.author != AUTHOR:
                    continue
                _, marker, original = cell.comment.text.partition(_ORIGINAL)
                cell.comment = Comment(comment_text(original), "") if marker else None
                if (cell.fill.fgColor.rgb or "")[-6:] in ours:
                    cell.fill = PatternFill()
