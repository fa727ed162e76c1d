"""Workbooks built in code for the workbook tests and the bench.

Realistic MC files (openpyxl), sheets with hand-written XML (formulas with or without a stored
result, error cells), and hostile files: OLE2 compound files (legacy xls, password-protected
xlsx), ODS, CSV, PDF, random bytes, truncated or macro-enabled workbooks, zip bombs.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from datetime import date, timedelta

from openpyxl import Workbook

from cmg_core import templates

FIRST_NAMES = ("Léa", "Noé", "Inès", "Jules", "Zoé", "Adam", "Chloé", "Louis", "Maël", "Anaïs")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy")


def mc_rows(count: int, *, seed: int = 0, month: str = "03/2026") -> list[list[object]]:
    """`count` plausible MC data rows (allocataire numbers as text, some with a leading 0)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        hours = rng.choice((0, 45, 80, 120, 151, 160, 172, rng.randint(16, 200)))
        rows.append(
            [
                month,
                f"{rng.randint(0, 9_999_999):07d}",
                rng.choice(LAST_NAMES).upper(),
                rng.choice(FIRST_NAMES),
                date(2021, 1, 1) + timedelta(days=rng.randint(0, 1500)),
                hours,
                rng.randint(0, min(hours, 30)),
                round(hours * rng.uniform(6, 10), 2),
                date(2026, 3, rng.randint(1, 31)) if rng.random() < 0.05 else None,
            ]
        )
    return rows


def xlsx(
    rows: list[list[object]],
    *,
    title: str = "Déclaration",
    more_sheets: dict[str, list[list[object]]] | None = None,
    write_only: bool = False,
) -> bytes:
    """An xlsx whose first sheet holds `rows` from A1 (None leaves a cell empty)."""
    book = Workbook(write_only=write_only)
    sheets = {title: rows, **(more_sheets or {})}
    for index, (name, content) in enumerate(sheets.items()):
        if write_only or index:
            sheet = book.create_sheet(name)
        else:
            sheet = book.active
            sheet.title = name
        for row in content:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mc_workbook(count: int, *, seed: int = 0) -> bytes:
    """An MC file: header row then `count` data rows (openpyxl write-only, fast)."""
    return xlsx([list(templates.MC.headers), *mc_rows(count, seed=seed)], write_only=True)


# --- hand-written package -------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def raw_xlsx(
    sheet_data: str,
    *,
    dimension: str = "A1",
    book_type: str = _BOOK_TYPE,
    extra_parts: dict[str, bytes] | None = None,
) -> bytes:
    """A one-sheet xlsx whose `<sheetData>` content is `sheet_data`, written by hand."""
    parts = _package_parts(book_type)
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        for name, content in (extra_parts or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of the zip `data` with the part `name` replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {member: source.read(member) for member in source.namelist()}
    parts[name] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, payload in parts.items():
            archive.writestr(member, payload)
    return out.getvalue()


def _package_parts(book_type: str = _BOOK_TYPE) -> dict[str, str]:
    """Every part of a one-sheet package but the sheet itself (xl/worksheets/sheet1.xml)."""
    content_types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_TYPES}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{book_type}"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEET_TYPE}"/></Types>'
    )
    return {
        "[Content_Types].xml": content_types,
        "_rels/.rels": _relationships("officeDocument", "xl/workbook.xml"),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_OFFICE_RELS}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": _relationships("worksheet", "worksheets/sheet1.xml"),
    }


def _relationships(kind: str, target: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/{kind}" Target="{target}"/>'
        "</Relationships>"
    )


# --- hostile files ---------------------------------------------------------------------


def ole2(stream_names: tuple[str, ...]) -> bytes:
    """A minimal valid OLE2 compound file (512-byte sectors) with empty streams of these names."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    entries = [_directory_entry("Root Entry", 5)]
    entries += [_directory_entry(name, 2) for name in stream_names]
    while len(entries) % 4:
        entries.append(bytes(128))
    directory_sectors = len(entries) // 4
    fat = [fat_sector] + [i + 2 for i in range(1, directory_sectors)] + [end]
    fat += [free] * (128 - len(fat))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("d0cf11e0a1b11ae1"),
        bytes(16),
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        bytes(6),
        0,
        1,
        1,
        0,
        4096,
        end,
        0,
        end,
        0,
    )
    header += struct.pack("<109I", 0, *([free] * 108))
    return header + struct.pack("<128I", *fat) + b"".join(entries)


def _directory_entry(name: str, kind: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    entry = encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
    entry += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    entry += bytes(16 + 4 + 16) + struct.pack("<IQ", 0xFFFFFFFE, 0)
    return entry


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def csv_text() -> bytes:
    header = ";".join(templates.MC.headers)
    return f"{header}\r\n03/2026;0123456;MARTIN;Léa;01/02/2023;120;0;960,00;\r\n".encode("cp1252")


def pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def random_bytes(size: int = 50_000, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(size)


def with_macros(data: bytes) -> bytes:
    """A copy of the xlsx `data` with a VBA project part, as Excel saves an .xlsm."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Default Extension="bin" '
                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            archive.writestr(name, content)
        archive.writestr("xl/vbaProject.bin", ole2(("VBA", "PROJECT")))
    return out.getvalue()


def zip_of_zeros(size: int, *, declared_size: int | None = None) -> bytes:
    """An xlsx-looking zip whose sheet inflates to `size` zero bytes (stored ≈ size / 1000).

    `declared_size` makes the headers lie about it. Built without inflating anything: one
    megabyte is deflated once with a full flush and its blocks repeated.
    """
    megabyte = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size >> 20
    stream = block * count + b"\x03\x00"  # an empty final block
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(megabyte, crc)
    declared = size if declared_size is None else declared_size
    members = [(name, text.encode(), None) for name, text in _package_parts().items()]
    members.append(("xl/worksheets/sheet1.xml", stream, (crc, declared)))
    return _zip_by_hand(members)


def _zip_by_hand(members: list[tuple[str, bytes, tuple[int, int] | None]]) -> bytes:
    """A zip with members stored (raw=None) or given as deflated bytes with (crc, size)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, payload, deflated in members:
        method, crc, size = (8, *deflated) if deflated else (0, zlib.crc32(payload), len(payload))
        offset = out.tell()
        encoded = name.encode()
        fields = (20, 0, method, 0, 0x21, crc, len(payload), size, len(encoded))
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields, 0) + encoded + payload)
        central.write(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    count = len(members)
    out.write(
        struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
    )
    return out.getvalue()
