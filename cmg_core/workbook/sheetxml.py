"""What python-calamine does not tell: formulas, stored errors and true bounds of a sheet.

`scan_sheet(xml)` works on the raw worksheet XML. It reads every reference of the sheet with
the strict functions of `references` (a reference out of form or beyond the budgets is refused
before calamine would allocate its dense grid from it), then finds formula cells
(`<c r="B3"><f>…</f>`), whether they hold a stored result (`<v>`), and error cells
(`t="e"`). It only searches bytes around each `<f>` and `t="e"`, so a sheet without formulas
costs a few fast searches. Cells written without their `r` reference (legal, rare) are
handled by a slower streaming parse.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

from cmg_core.workbook import references
from cmg_core.workbook.references import Position, check_position
from cmg_core.workbook.rejected import WorkbookRejected

_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
_REF = re.compile(rb'\sr="([^"]*)"')
_TYPE = re.compile(rb'\st="(\w+)"')
_TAG_ENDS = b"> /\n\t\r"


@dataclass
class SheetScan:
    formulas: set[Position] = field(default_factory=set)
    formulas_without_value: set[Position] = field(default_factory=set)
    errors: dict[Position, str] = field(default_factory=dict)  # e.g. {(3, 2): "#DIV/0!"}


def scan_sheet(xml: bytes) -> SheetScan:
    """Bounds check, then formulas and error cells; raises WorkbookRejected."""
    root = _ROOT.search(xml)
    if root is None:
        raise WorkbookRejected("file.unreadable", reason="xml")
    prolog = xml[: root.start()]  # the only place entities can be declared
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise WorkbookRejected("file.suspicious", reason="doctype")
    tags = _Tags(root.group(1))
    references.check_part(xml)
    if tags.cell_without_ref.search(xml):
        return _scan_by_position(xml)
    scan = SheetScan()
    for start, end in _cells_around(xml, tags.formula, tags):
        _note_formula(xml[start:end], tags, scan)
    for start, end in _cells_around(xml, b' t="e"', tags):
        _note_error(xml[start:end], tags, scan)
    return scan


class _Tags:
    """The byte patterns of the sheet's elements, with its namespace prefix (`x:` or none)."""

    def __init__(self, prefix: bytes | None) -> None:
        p = prefix + b":" if prefix else b""
        escaped = re.escape(p)
        self.cell_open = b"<" + p + b"c "
        self.cell_close = b"</" + p + b"c>"
        self.cell_without_ref = re.compile(b"<" + escaped + rb'c(?:>|/>|\s(?!r="))')
        self.formula = b"<" + p + b"f"
        self.value = re.compile(b"<" + escaped + rb"v(?:\s[^>]*)?>([^<]*)</")


def _cells_around(xml: bytes, mark: bytes, tags: _Tags):
    """(start, end) of each cell element holding the tag or attribute `mark`."""
    position = xml.find(mark)
    while position != -1:
        after = position + len(mark)
        if mark[-1:] == b'"' or xml[after : after + 1] in _TAG_ENDS:
            start = xml.rfind(tags.cell_open, 0, position)
            end = xml.find(tags.cell_close, position)
            if start != -1 and end != -1:
                yield start, end
                after = end
        position = xml.find(mark, after)


def _position(cell: bytes) -> Position | None:
    head = cell[: cell.find(b">") + 1]
    match = _REF.search(head)
    if match is None:
        return None
    return references.cell(match.group(1))


def _cell_type(cell: bytes) -> bytes:
    match = _TYPE.search(cell[: cell.find(b">") + 1])
    return match.group(1) if match else b"n"


def _note_formula(cell: bytes, tags: _Tags, scan: SheetScan) -> None:
    position = _position(cell)
    if position is None:
        return
    scan.formulas.add(position)
    value = tags.value.search(cell)
    # An empty <v></v> is a stored empty text only for a text result (t="str").
    if value is None or (not value.group(1) and _cell_type(cell) != b"str"):
        scan.formulas_without_value.add(position)


def _note_error(cell: bytes, tags: _Tags, scan: SheetScan) -> None:
    position = _position(cell)
    value = tags.value.search(cell)
    if position is not None and value is not None and _cell_type(cell) == b"e":
        scan.errors[position] = unescape(value.group(1).decode("utf-8", errors="replace"))


def _scan_by_position(xml: bytes) -> SheetScan:
    """Slow path for cells without `r`: positions follow the order of the elements."""
    scan = SheetScan()
    row = column = 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "row":
                number = element.get("r")
                row = references.row(number) if number else row + 1
                column = 0
            elif event == "end" and tag == "c":
                row, column = _cell_position(element.get("r"), row, column)
                check_position(row, column)
                _note_element(element, (row, column), scan)
                element.clear()
            elif event == "end" and tag == "row":
                element.clear()
    except (ElementTree.ParseError, ValueError) as exc:
        raise WorkbookRejected("file.unreadable", reason="xml") from exc
    return scan


def _cell_position(ref: str | None, row: int, column: int) -> Position:
    if not ref:
        return max(row, 1), column + 1
    return references.cell(ref)


def _note_element(element: ElementTree.Element, position: Position, scan: SheetScan) -> None:
    children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
    value = children.get("v")
    if "f" in children:
        scan.formulas.add(position)
        if value is None or (not value.text and element.get("t") != "str"):
            scan.formulas_without_value.add(position)
    if element.get("t") == "e" and value is not None and value.text:
        scan.errors[position] = value.text
