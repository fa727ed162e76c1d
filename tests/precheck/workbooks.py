"""Workbooks built in code for the pre-check tests: a valid line, then what each test changes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook

from cmg_core import templates

TODAY = date(2026, 11, 26)  # the validation date of every test: 10/2026 is the last elapsed month
MONTH = "10/2026"
FIRST_NAMES = ("Léa", "Hugo", "Jade", "Louis", "Emma", "Nolan", "Inès", "Gabriel", "Zoé", "Arthur")


def mc_row(**changes: object) -> list[object]:
    """A valid MC line (a 3-year-old, 120 h, 900 €), with some cells changed by column key."""
    values = {
        "month": MONTH,
        "allocataire": "0123456",
        "child_last_name": "Martin",
        "child_first_name": "Léa",
        "birth_date": date(2023, 3, 14),
        "total_hours": 120,
        "special_hours": 4,
        "amount": 900,
        "end_date": None,
    }
    values.update(changes)
    return [values[c.key] for c in templates.MC.columns]


def gad_row(**changes: object) -> list[object]:
    values = {
        "month": MONTH,
        "allocataire": "0654321",
        "total_hours": 60,
        "special_hours": None,
        "amount": 1250.5,
        "end_date": None,
    }
    values.update(changes)
    return [values[c.key] for c in templates.GAD.columns]


def varied_mc_rows(count: int) -> list[list[object]]:
    """`count` valid MC lines for distinct children, with hours and amounts that differ."""
    return [
        mc_row(
            allocataire=f"{1000000 + i}",
            child_first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
            total_hours=40 + i,
            amount=300 + 7 * i,
        )
        for i in range(count)
    ]


def workbook(
    rows: Sequence[Sequence[object]],
    *,
    template: templates.Template = templates.MC,
    headers: Sequence[object] | None = None,
    guidance: bool = False,
    above: Sequence[Sequence[object]] = (),
    extra_sheets: dict[str, Sequence[Sequence[object]]] | None = None,
    hidden_sheets: dict[str, Sequence[Sequence[object]]] | None = None,
) -> bytes:
    """An xlsx: optional rows above the headers, the headers, optional guidance row, the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Déclaration"
    for row in above:
        sheet.append(list(row))
    sheet.append(list(headers if headers is not None else template.headers))
    if guidance:
        sheet.append(list(template.guidance_row))
    for row in rows:
        sheet.append(list(row))
    for name, extra in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(list(row))
    for name, extra in (hidden_sheets or {}).items():
        other = book.create_sheet(name)
        other.sheet_state = "hidden"
        for row in extra:
            other.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def mc_workbook(rows: Sequence[Sequence[object]], **options) -> bytes:
    return workbook(rows, template=templates.MC, **options)


def gad_workbook(rows: Sequence[Sequence[object]], **options) -> bytes:
    return workbook(rows, template=templates.GAD, **options)


_LINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"
_LINK_PART = (
    '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:id="rId1"/></externalLink>'
)


def with_external_link(data: bytes, part: str = "xl/externalLinks/externalLink1.xml") -> bytes:
    """The workbook `data` linked to another file, as Excel writes it (a part and its relation)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = part.removeprefix("xl/")
    link = f'<Relationship Type="{_LINK_TYPE}" Target="{target}" Id="rId99" />'
    rels = rels.replace("</Relationships>", link + "</Relationships>")
    parts["xl/_rels/workbook.xml.rels"] = rels
    parts[part] = _LINK_PART.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()
