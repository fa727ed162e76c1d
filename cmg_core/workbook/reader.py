"""Safe, fast reading of an untrusted xlsx upload: guards first, then python-calamine.

`read_workbook(data)` never writes the upload anywhere and raises only `WorkbookRejected`.

Cell values are python-calamine's (0.9), with `to_python(skip_empty_area=False)` so that
`rows[i][j]` is Excel row i+1, column j+1 even when the sheet starts lower or further right:

- empty cell → `""`; text → `str` (an inline string too); every number → `float`
  (`123456.0`: a number typed where text was expected has lost its leading zeros);
- boolean → `bool`; date-formatted number → `datetime.date`, or `datetime.datetime` when it
  has a time part; time-only format → `datetime.time`; an `[h]:mm` duration over 24 h →
  `datetime.timedelta`;
- formula → its stored result as above, but `""` when the file holds no stored result
  (openpyxl and some generators write none): those cells are in `Sheet.formulas_without_value`
  (calamine leaves them out of its grid; this reader widens the grid so they are in it);
- error cell (`#DIV/0!`, `#N/A`…, typed or computed) → calamine gives `""`; this reader puts the
  error text back from the sheet XML, so the value is the `str` `"#DIV/0!"`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from cmg_core.workbook import references
from cmg_core.workbook.budgets import MAX_BYTES, MAX_COLUMNS, MAX_DECOMPRESSED, MAX_ROW
from cmg_core.workbook.guards import open_package
from cmg_core.workbook.package import (
    has_external_links,
    read_member,
    sheet_xml_paths,
    worksheet_parts,
)
from cmg_core.workbook.references import Position
from cmg_core.workbook.rejected import WorkbookRejected
from cmg_core.workbook.sheetxml import SheetScan, scan_sheet

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROW",
    "PackageScan",
    "Sheet",
    "Workbook",
    "WorkbookRejected",
    "check_package",
    "read_workbook",
    "sheet_xml_paths",
]


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # rows[i][j]: Excel row i+1, column j+1
    formulas: set[Position] = field(default_factory=set)  # (excel_row, excel_col), 1-based
    formulas_without_value: set[Position] = field(default_factory=set)
    visible: bool = True  # False for a hidden or "very hidden" sheet

    @property
    def is_empty(self) -> bool:
        return not self.formulas and all(value == "" for row in self.rows for value in row)


@dataclass
class Workbook:
    sheets: list[Sheet]  # every worksheet, in workbook order
    external_links: bool = False  # the workbook links to other files

    @property
    def visible_sheets(self) -> list[Sheet]:
        return [sheet for sheet in self.sheets if sheet.visible]


@dataclass
class PackageScan:
    """What the guards learnt without reading a cell."""

    sheets: dict[str, SheetScan]  # worksheet name -> its formulas and errors
    external_links: bool


def read_workbook(data: bytes) -> Workbook:
    """Every worksheet of the xlsx `data`; raises `WorkbookRejected` for anything hostile."""
    package = check_package(data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            _read_sheet(book, meta.name, package.sheets.get(meta.name, SheetScan()))
            for meta in book.sheets_metadata
            if meta.typ == SheetTypeEnum.WorkSheet
        ]
        hidden = {
            meta.name for meta in book.sheets_metadata if meta.visible != SheetVisibleEnum.Visible
        }
    except (CalamineError, ValueError, OverflowError) as exc:
        raise WorkbookRejected("file.unreadable", reason="cells") from exc
    for sheet in sheets:
        sheet.visible = sheet.name not in hidden
    return Workbook(sheets, package.external_links)


def check_package(data: bytes) -> PackageScan:
    """Every guard, cells left unread: what to run before handing `data` to another reader."""
    with open_package(data) as archive:
        return PackageScan(_scan_sheets(archive), has_external_links(archive))


def _scan_sheets(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Bounds, formulas and errors of each worksheet; other XML parts checked for honesty."""
    paths = worksheet_parts(archive)
    scans = {
        name: scan_sheet(read_member(archive, path, MAX_DECOMPRESSED))
        for name, path in paths.items()
    }
    # Other parts are inflated once through zipfile, which checks the declared size and CRC:
    # a member lying about its size is refused here rather than inflated unbounded by
    # calamine. A sheet part the relationships do not name is still bounds-checked, and so
    # are the references of the parts openpyxl expands into cells (comments, tables).
    sheet_paths = set(paths.values())
    for name in archive.namelist():
        if name in sheet_paths or not name.endswith((".xml", ".rels")):
            continue
        part = read_member(archive, name, MAX_DECOMPRESSED)
        if name.endswith(".rels"):
            continue
        if "worksheets/" in name:
            scan_sheet(part)
        elif "comments" in name.lower() or "/tables/" in name:
            references.check_part(part)
        del part
    return scans


def _read_sheet(book: CalamineWorkbook, name: str, scan: SheetScan) -> Sheet:
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    # Second line of defence: the XML scan already refused such sheets.
    if len(rows) > MAX_ROW or (rows and len(rows[0]) > MAX_COLUMNS):
        raise WorkbookRejected("file.suspicious", reason="rows", rows=len(rows))
    _cover(rows, scan.formulas | scan.errors.keys())
    for (row, column), error in scan.errors.items():
        rows[row - 1][column - 1] = error
    return Sheet(name, rows, scan.formulas, scan.formulas_without_value)


def _cover(rows: list[list[object]], positions: set[Position]) -> None:
    """Widen the grid (with "") to hold cells calamine leaves out: formulas without value."""
    if not positions:
        return
    height = max(len(rows), max(row for row, _ in positions))
    width = max(len(rows[0]) if rows else 0, max(column for _, column in positions))
    for row in rows:
        row.extend([""] * (width - len(row)))
    rows.extend([""] * width for _ in range(height - len(rows)))
