"""Partner workbooks built in code for the portal tests (pages and browser)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook

from cmg_core.templates import MC, Template
from cmg_core.values import Month


def last_month(today: date | None = None) -> str:
    """The last elapsed month, MM/AAAA: the month a partner declares today."""
    return str(Month.of(today or date.today()).shift(-1))


def mc_row(**changes: object) -> list[object]:
    """A correct micro-crèche line for last month; keyword arguments change its cells."""
    values: dict[str, object] = {
        "month": last_month(),
        "allocataire": "0123456",
        "child_last_name": "Martin",
        "child_first_name": "Léa",
        "birth_date": datetime(2023, 5, 14),
        "total_hours": 120,
        "special_hours": 0,
        "amount": 950.5,
        "end_date": None,
    }
    values.update(changes)
    return [values[c.key] for c in MC.columns]


def workbook_bytes(
    rows: list[list[object]], template: Template = MC, *, guidance: bool = False
) -> bytes:
    """An xlsx whose first sheet holds the template's headers (and guidance), then the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Déclaration"
    sheet.append(list(template.headers))
    if guidance:
        sheet.append(list(template.guidance_row))
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def valid_mc() -> bytes:
    return workbook_bytes(
        [mc_row(), mc_row(allocataire="0654321", child_last_name="Durand", child_first_name="Jo")]
    )


def faulty_mc() -> bytes:
    """Row 3 holds an 8-character allocataire number and decimal hours: both safely fixable."""
    return workbook_bytes(
        [mc_row(), mc_row(allocataire="0654321A", child_last_name="Durand", total_hours=100.5)]
    )
