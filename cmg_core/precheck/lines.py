"""Cell level: every data cell parsed by its column's kind, and the typed `DeclarationLine`s
the row and file rules (and the back office) work on.

Columns are read one at a time (fast on 50,000 rows); each problem becomes a finding at the
cell's true Excel row and letter, and that field of the line is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cmg_core.findings import Finding
from cmg_core.precheck.catalogue import make
from cmg_core.precheck.cells import (
    CODES,
    FLOAT_CENT_TOLERANCE,
    MAX_QUICK_AMOUNT,
    PARSERS,
    Invalid,
)
from cmg_core.precheck.report import DeclarationLine
from cmg_core.precheck.structure import Layout
from cmg_core.templates import Kind
from cmg_core.values import Month

LINE_FIELDS = (
    "month",
    "allocataire",
    "child_last_name",
    "child_first_name",
    "birth_date",
    "total_hours",
    "special_hours",
    "amount",
    "end_date",
)


@dataclass
class Cells:
    """The typed columns of the data rows and the cell findings, in column then row order."""

    rows: list[int]
    layout: Layout
    raw: dict[str, Sequence[object]] = field(default_factory=dict)
    typed: dict[str, list[object]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def finding(self, code: str, key: str, index: int, cause: str = "", **params) -> Finding:
        return make(
            code,
            row=self.rows[index],
            column=self.layout.letter(key),
            key=key,
            value=self.raw[key][index],
            cause=cause,
            **params,
        )


def read_cells(
    sheet_rows: Sequence[Sequence[object]],
    rows: list[int],
    layout: Layout,
    formulas_without_value: set[tuple[int, int]],
    today_month: Month,
) -> Cells:
    cells = Cells(rows, layout)
    example = str(today_month.shift(-1))
    data = [sheet_rows[n - 1] for n in rows]
    width = max(layout.positions.values()) + 1
    if all(len(r) >= width for r in data):
        by_column = list(zip(*data, strict=False))  # transposed in C: fast on 50,000 rows
    else:
        by_column = [tuple(r[j] if j < len(r) else "" for r in data) for j in range(width)]
    for column in layout.template.columns:
        if column.key not in layout.positions:
            cells.typed[column.key] = [None] * len(rows)
            continue
        index = layout.positions[column.key]
        raw = by_column[index]
        cells.raw[column.key] = raw
        no_value = {r for r, c in formulas_without_value if c == index + 1}
        typed = _usual_column(column.kind, raw) if not no_value else None
        if typed is None:
            typed = _parse_column(cells, column, raw, no_value, example)
        cells.typed[column.key] = typed
    return cells


def _usual_column(kind: Kind, raw: Sequence[object]) -> list[object] | None:
    """The typed column when every cell holds what the template asks in the usual way (a whole
    number of hours ≥ 0 in a number cell, an amount to the cent, 7 digits as text, a date
    cell): one quick pass instead of the cell-by-cell parser; None otherwise."""
    if kind is Kind.HOURS or kind is Kind.SPECIAL_HOURS:
        if all(v.__class__ is float and v >= 0 and v.is_integer() for v in raw):
            return [int(v) for v in raw]
    elif kind is Kind.AMOUNT:
        if all(v.__class__ is float and 0 <= v < MAX_QUICK_AMOUNT for v in raw):
            cents = [round(v * 100) for v in raw]
            if all(
                abs(v * 100 - c) < FLOAT_CENT_TOLERANCE for v, c in zip(raw, cents, strict=True)
            ):
                return [Decimal(c).scaleb(-2) for c in cents]
    elif kind is Kind.ALLOCATAIRE:
        if all(v.__class__ is str and len(v) == 7 and v.isdigit() and v.isascii() for v in raw):
            return list(raw)
    elif kind is Kind.BIRTH_DATE and all(v.__class__ is date for v in raw):
        return list(raw)
    return None


# Texts that repeat down a column (the month, first and last names) are parsed once per file.
CACHED_KINDS = frozenset({Kind.MONTH, Kind.NAME})


def _parse_column(cells: Cells, column, raw: Sequence[object], no_value: set[int], example: str):
    parse, code, key = PARSERS[column.kind], CODES[column.kind], column.key
    empty = 0 if column.kind is Kind.SPECIAL_HOURS else None
    cached = column.kind in CACHED_KINDS
    cache: dict[str, object] = {}
    typed: list[object] = []
    append = typed.append
    for i, value in enumerate(raw):
        kind = value.__class__
        if (kind is str and (not value or value.isspace())) or value is None:
            if no_value and cells.rows[i] in no_value:
                cells.findings.append(cells.finding("cell.formula_no_value", key, i))
            elif column.required:
                cells.findings.append(cells.finding("cell.required", key, i))
            append(empty)
            continue
        if cached and kind is str:
            result = cache.get(value)
            if result is None:
                result = cache[value] = parse(value)
        else:
            result = parse(value)
        if result.__class__ is Invalid:
            cells.findings.append(
                cells.finding(code, key, i, result.cause, example=example, **result.params)
            )
            result = None
        append(result)
    return typed


def build_lines(cells: Cells) -> list[DeclarationLine]:
    columns = [cells.typed.get(name) or [None] * len(cells.rows) for name in LINE_FIELDS]
    make_line = tuple.__new__  # a NamedTuple from a ready tuple, without its __new__'s call cost
    return [make_line(DeclarationLine, values) for values in zip(cells.rows, *columns, strict=True)]
