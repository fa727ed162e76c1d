"""Monthly files as a partner would deposit them: the blank template with the declaration rows
of the seeded referential typed in, or with a partner's typical mistakes."""

from __future__ import annotations

import functools
import io
import random
from decimal import Decimal

import sqlalchemy as sa
from openpyxl import Workbook, load_workbook
from sqlalchemy.orm import Session

from cmg_core import templates
from cmg_core.db.models import Habilitation, Partner
from cmg_core.ds.sandbox import UploadedFile
from cmg_core.referential.declarations import declaration_rows
from cmg_core.values import Month
from cmg_core.workbook.blank import FIRST_DATA_ROW, blank_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEED = 493


def workbook(template: templates.Template, rows: list[dict]) -> bytes:
    """The blank template with `rows` typed in below its guidance row."""
    book = _blank_book(template.code)
    sheet = book.worksheets[0]
    written = []
    try:
        for offset, row in enumerate(rows):
            for index, column in enumerate(template.columns, start=1):
                value = row.get(column.key)
                cell = sheet.cell(FIRST_DATA_ROW + offset, index)
                cell.value = float(value) if isinstance(value, Decimal) else value
                written.append(cell)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    finally:
        for cell in written:  # the cached book is blank again
            cell.value = None


@functools.cache
def _blank_book(code: str) -> Workbook:
    """The blank template, built and read once per template (both are slow)."""
    return load_workbook(io.BytesIO(blank_template(templates.get(code))))


def spoil(rows: list[dict]) -> list[dict]:
    """Typical mistakes: the key letter typed, half hours, more special hours than hours."""
    spoiled = [dict(row) for row in rows]
    if spoiled:
        spoiled[0]["allocataire"] = spoiled[0]["allocataire"] + "K"
    if len(spoiled) > 1:
        spoiled[1]["total_hours"] = f"{spoiled[1]['total_hours']},5"
    if len(spoiled) > 2:
        spoiled[2]["special_hours"] = int(spoiled[2]["total_hours"]) + 5
    return spoiled


def depositor(session: Session, partner: Partner) -> str:
    """Who deposits the partner's files: its first habilitated person, else its manager."""
    staff = session.scalars(
        sa.select(Habilitation.email)
        .where(Habilitation.partner_id == partner.id, Habilitation.active.is_(True))
        .order_by(Habilitation.id)
    ).first()
    return staff or partner.manager_email


def monthly_file(session: Session, partner: Partner, month: Month, *, faulty: bool):
    """The partner's file for `month` (the same rows every time for a partner and month)."""
    rng = random.Random(f"{SEED}-{partner.siret}-{month.iso}")
    template = templates.get(partner.kind.value)
    rows = declaration_rows(session, partner, month, rng)
    content = workbook(template, spoil(rows) if faulty else rows)
    name = f"{partner.kind.value}-{month.iso}-{partner.siret}.xlsx"
    return UploadedFile(name, content, XLSX)
