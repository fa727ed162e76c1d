"""Hostile workbooks of our own making, as an attacker would write them (tests and `make bench`).

Each one passed the guards of an earlier version and then hurt the reader: a reference in lower
case far away (calamine asked for 549 GB and aborted the process), a zero-padded row number
(10 s and 2.1 GB), a huge shared-strings part in a small file, an honest but enormous sheet,
and names whose escaped control characters (`_x0000_`) made the annotated copy invalid XML.
They are built in memory in well under a second each (the tall sheet in a few seconds).
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib

from cmg_core import templates

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_XML_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def _header_cells() -> str:
    cells = []
    for index, header in enumerate(templates.MC.headers):
        letter = chr(ord("A") + index)
        cells.append(f'<c r="{letter}1" t="inlineStr"><is><t>{header}</t></is></c>')
    return '<row r="1">' + "".join(cells) + "</row>"


def _data_row(row: int, allocataire: str = "0123456", first_name: str = "Léa") -> str:
    values = [
        ("A", "s", "10/2026"),
        ("B", "s", allocataire),
        ("C", "s", "MARTIN"),
        ("D", "s", first_name),
        ("E", "n", "44999"),  # 14/03/2023 as an Excel serial
        ("F", "n", "120"),
        ("G", "n", "4"),
        ("H", "n", "900"),
    ]
    cells = []
    for letter, kind, value in values:
        if kind == "s":
            cells.append(f'<c r="{letter}{row}" t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            cells.append(f'<c r="{letter}{row}"><v>{value}</v></c>')
    return f'<row r="{row}">' + "".join(cells) + "</row>"


def package(
    sheet_data: str | bytes,
    *,
    dimension: str = "A1:I2",
    shared_strings: bytes | None = None,
    sheet_name: str = "Déclaration",
    level: int = 6,
) -> bytes:
    """A one-sheet xlsx written by hand; `sheet_data` is the `<sheetData>` content."""
    if isinstance(sheet_data, str):
        sheet_data = sheet_data.encode()
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>'
    ).encode()
    sheet += sheet_data + b"</sheetData></worksheet>"
    overrides = [
        ("/xl/workbook.xml", "sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", "worksheet+xml"),
    ]
    book_rels = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    if shared_strings is not None:
        overrides.append(("/xl/sharedStrings.xml", "sharedStrings+xml"))
        book_rels.append(("rId2", "sharedStrings", "sharedStrings.xml"))
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_TYPES}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="{name}" ContentType="{_XML_TYPE}{kind}"/>'
            for name, kind in overrides
        )
        + "</Types>"
    )
    parts: dict[str, bytes] = {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": _relationships([("rId1", "officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_OFFICE_RELS}"><sheets><sheet name="{sheet_name}" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": _relationships(book_rels),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{_OFFICE_RELS}/{kind}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">{body}'
        "</Relationships>"
    ).encode()


def lowercase_far_reference() -> bytes:
    """A valid declaration plus one cell whose reference is written in lower case, far away."""
    far = '<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>'
    return package(_header_cells() + _data_row(2) + far)


def zero_padded_reference() -> bytes:
    """A cell whose row number is zero-padded: `AX00001048576` is row 1,048,576 of column AX."""
    sheet = (
        _header_cells() + _data_row(2) + '<row r="1048576"><c r="AX00001048576"><v>1</v></c></row>'
    )
    return package(sheet)


def huge_shared_strings(size: int = 150 << 20) -> bytes:
    """A small file (a few MB) whose shared-strings part inflates to `size` bytes."""
    rng = random.Random(3)
    filler = "x" * 400
    count = size // (len(filler) + 40)
    items = [f"<si><t>{rng.randrange(10**9):09d}{filler}</t></si>" for _ in range(count)]
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{count}" '
        f'uniqueCount="{count}">' + "".join(items) + "</sst>"
    ).encode()
    sheet = _header_cells() + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return package(sheet, shared_strings=strings)


def tall_honest_sheet(rows: int = 99_000, columns: int = 50) -> bytes:
    """An honest sheet: `rows` declaration lines, each followed by extra numeric columns up
    to `columns` (≈ 190 MB of XML with the defaults, which the earlier limits let through)."""
    letters = [_letter(index) for index in range(10, columns + 1)]
    lines = [_header_cells().encode()]
    for row in range(2, rows + 2):
        extra = "".join(
            f'<c r="{letter}{row}" s="0"><v>{row % 9973}.{row % 89:02d}5</v></c>'
            for letter in letters
        )
        line = _data_row(row, f"{1_000_000 + row:07d}")
        lines.append((line[: -len("</row>")] + extra + "</row>").encode())
    return package(b"".join(lines), dimension=f"A1:{letters[-1]}{rows + 1}", level=1)


def _letter(index: int) -> str:
    """1 → A, 50 → AX."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def control_characters_in_names() -> bytes:
    """Names holding escaped control characters (`_x0000_`, `_x001B_`), as some exports write."""
    sheet = (
        _header_cells()
        + _data_row(2, "0123456", "L_x0000_éa")
        + _data_row(3, "12345", "Hu_x001B_go")  # an error on this line: it gets a comment
    )
    return package(sheet, dimension="A1:I3", sheet_name="Décl_x0007_aration")


def _zeros_bomb(size: int, *, honest: bool = False) -> bytes:
    """A package whose sheet inflates to `size` zero bytes; its header says 1,000 unless honest."""
    base = zipfile.ZipFile(io.BytesIO(package(_header_cells() + _data_row(2))))
    parts = {name: base.read(name) for name in base.namelist()}
    megabyte = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (size >> 20) + b"\x03\x00"
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(megabyte, crc)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, content)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"")  # placeholder, patched below
    return _replace_member(out.getvalue(), stream, crc, size if honest else 1000)


def _replace_member(data: bytes, stream: bytes, crc: int, declared: int) -> bytes:
    """The zip `data` with its last (empty) member's deflated bytes replaced by `stream`."""
    from tests.workbook.fixtures import _zip_by_hand

    source = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in source.infolist():
        if info.filename == "xl/worksheets/sheet1.xml":
            members.append((info.filename, stream, (crc, declared)))
        else:
            members.append((info.filename, source.read(info.filename), None))
    return _zip_by_hand(members)


BUILDERS = {
    "lowercase reference": lowercase_far_reference,
    "zero-padded reference": zero_padded_reference,
    "huge shared strings": huge_shared_strings,
    "tall honest sheet": tall_honest_sheet,
    "control characters": control_characters_in_names,
    "bomb": lambda: _zeros_bomb(300 << 20, honest=True),
    "lying bomb": lambda: _zeros_bomb(300 << 20),
}
