"""Realistic MC monthly files for the pre-check benchmark, and the Table Schema frictionless
validates them with (types and constraints only, derived from `templates.py`)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from cmg_core import templates
from cmg_core.templates import Kind

LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand")
FIRST_NAMES = ("Léa", "Hugo", "Jade", "Louis", "Emma", "Nolan", "Inès", "Gabriel", "Zoé", "Arthur")
MONTH = "10/2026"
TODAY = date(2026, 11, 26)


def mc_rows(count: int, seed: int = 7) -> list[list[object]]:
    """`count` valid lines: distinct allocataires, children under 6, 16–250 h, ≤ 10 €/h."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        hours = rng.randint(16, 250)
        rows.append(
            [
                MONTH,
                f"{1_000_000 + i:07d}",
                rng.choice(LAST_NAMES),
                rng.choice(FIRST_NAMES),
                date(
                    rng.randint(2021, 2026) if i % 3 else 2023,
                    rng.randint(1, 9),
                    rng.randint(1, 28),
                ),
                hours,
                rng.randint(0, min(hours, 30)),
                round(hours * rng.uniform(4, 9.9), 2),
                date(2026, 10, rng.randint(1, 31)) if i % 20 == 0 else None,
            ]
        )
    return rows


def faulty(rows: list[list[object]], cells: int, seed: int = 11) -> list[list[object]]:
    """A copy with `cells` cells broken in ways partners break them (key letter, decimals…)."""
    rng = random.Random(seed)
    broken = [list(r) for r in rows]
    mistakes = (
        (1, lambda v: f"{v}A"),
        (5, lambda v: v + 0.5),
        (7, lambda v: -v),
        (4, lambda v: "31/02/2023"),
        (3, lambda v: "Mart1n"),
    )
    for n in range(cells):
        column, breaker = mistakes[n % len(mistakes)]
        row = broken[rng.randrange(len(broken))]
        row[column] = breaker(row[column])
    return broken


def write_mc(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Déclaration")
    sheet.append(list(templates.MC.headers))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


FRICTIONLESS_TYPES = {
    Kind.MONTH: ("string", {"pattern": r"\d{2}/\d{4}"}),
    Kind.ALLOCATAIRE: ("string", {"pattern": r"\d{7}"}),
    Kind.NAME: ("string", {"pattern": r"[^\d]+"}),
    Kind.BIRTH_DATE: ("date", {}),
    Kind.HOURS: ("integer", {"minimum": 0}),
    Kind.SPECIAL_HOURS: ("integer", {"minimum": 0}),
    Kind.AMOUNT: ("number", {"minimum": 0}),
    Kind.END_DATE: ("date", {}),
}


def table_schema(template: templates.Template = templates.MC) -> dict:
    """A Table Schema descriptor equivalent to the template's types and constraints."""
    fields = []
    for column in template.columns:
        kind, constraints = FRICTIONLESS_TYPES[column.kind]
        constraints = {**constraints, "required": True} if column.required else constraints
        fields.append({"name": column.header, "type": kind, "constraints": constraints})
    return {"fields": fields}
