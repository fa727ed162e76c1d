"""Structure rules: find the header row, recognise the template, check every header.

Labels are compared normalised (case, accents, spaces and line breaks ignored), so a header
that only differs in those is found where it is and reported as a variant. Column letters in
findings are those of the user's own file.
"""

from __future__ import annotations

import functools
import operator
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from cmg_core import templates
from cmg_core.findings import Finding
from cmg_core.precheck.catalogue import make
from cmg_core.precheck.wording import lines_above_text
from cmg_core.templates import Template
from cmg_core.workbook.budgets import HEADER_ROOM

HEADER_SCAN_ROWS = HEADER_ROOM  # how far down a misplaced header row is looked for
MIN_HEADER_MATCHES = 3
MC_ONLY = frozenset(c.key for c in templates.MC.columns) - {c.key for c in templates.GAD.columns}


@functools.lru_cache(maxsize=65536)
def normalise_label(value: object) -> str:
    """Lower case, no accents, no whitespace at all: what two labels must share to match."""
    text = str(value)
    if text.isascii():
        return "".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(text.casefold().split())


_KEY_OF_LABEL = {normalise_label(c.header): c.key for c in templates.MC.columns}


def is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and value.isspace())


@dataclass(frozen=True)
class Layout:
    """Where the recognised template's columns are in the user's sheet."""

    template: Template
    header_row: int  # Excel row of the headers
    positions: dict[str, int]  # column key -> 0-based index in the sheet's rows

    def letter(self, key: str) -> str:
        return templates.column_letter(self.positions[key] + 1)


@dataclass
class Structure:
    """The outcome of the structure rules; `layout` is None when cells cannot be checked."""

    layout: Layout | None
    findings: list[Finding] = field(default_factory=list)


def check_structure(rows: Sequence[Sequence[object]], expected: str | None) -> Structure:
    header_index = find_header_row(rows)
    if header_index is None:
        return Structure(None, [make("header.unknown_template")])
    header = rows[header_index]
    header_row = header_index + 1
    positions, variants = match_headers(header)
    template = templates.MC if MC_ONLY & positions.keys() else templates.GAD
    if expected and templates.TemplateCode(expected.upper()) != template.code:
        finding = make(
            "header.wrong_template",
            row=header_row,
            found=template.label.lower(),
            expected=templates.get(expected.upper()).label.lower(),
        )
        return Structure(None, [finding])
    layout = Layout(template, header_row, positions)
    findings: list[Finding] = []
    if header_row > 1:
        findings.append(
            make(
                "header.not_first_row",
                row=header_row,
                lines_above=lines_above_text(header_row),
            )
        )
    findings += missing_columns(layout)
    findings += columns_out_of_order(layout)
    findings += label_variants(layout, header, variants)
    findings += extra_columns(layout, rows)
    return Structure(layout, findings)


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """0-based index of the first row, among the first ones, holding most template headers."""
    best, best_count = None, MIN_HEADER_MATCHES - 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = len(
            {_KEY_OF_LABEL.get(normalise_label(v)) for v in row if not is_blank(v)} - {None}
        )
        if count > best_count:
            best, best_count = index, count
    return best


def match_headers(header: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """Positions of known headers (a repeated one counts once) and keys only matched loosely."""
    positions: dict[str, int] = {}
    variants: list[str] = []
    for index, value in enumerate(header):
        if is_blank(value):
            continue
        key = _KEY_OF_LABEL.get(normalise_label(value))
        if key is None:
            continue
        if key in positions:
            continue
        positions[key] = index
        if value != templates.MC.column(key).header:
            variants.append(key)
    return positions, variants


def missing_columns(layout: Layout) -> list[Finding]:
    template = layout.template
    return [
        make(
            "header.missing_column",
            row=layout.header_row,
            column=template.letter(column.key),
            key=column.key,
        )
        for column in template.columns
        if column.key not in layout.positions
    ]


def columns_out_of_order(layout: Layout) -> list[Finding]:
    template = layout.template
    found = [c.key for c in template.columns if c.key in layout.positions]
    actual = sorted(found, key=layout.positions.__getitem__)
    return [
        make(
            "header.column_order",
            row=layout.header_row,
            column=layout.letter(key),
            key=key,
            expected=template.letter(key),
        )
        for expected_key, key in zip(found, actual, strict=True)
        if expected_key != key
    ]


def label_variants(layout: Layout, header: Sequence[object], keys: list[str]) -> list[Finding]:
    return [
        make(
            "header.label_variant",
            row=layout.header_row,
            column=layout.letter(key),
            key=key,
            value=header[layout.positions[key]],
        )
        for key in keys
    ]


def _column_is_blank(rows: Sequence[Sequence[object]], index: int, shortest: int) -> bool:
    """Whether the column is empty on every row; counted in C first (50 columns × 50,000 rows)."""
    if index < shortest:
        cells = list(map(operator.itemgetter(index), rows))
        if cells.count("") == len(cells):
            return True
    return all(index >= len(r) or is_blank(r[index]) for r in rows)


def extra_columns(layout: Layout, rows: Sequence[Sequence[object]]) -> list[Finding]:
    """Every non-empty column, from the header row down, that is not a template column."""
    below = rows[layout.header_row - 1 :]
    width = max(map(len, below), default=0)
    shortest = min(map(len, below), default=0)
    known = set(layout.positions.values())
    last = layout.template.letter(layout.template.columns[-1].key)
    findings = []
    for index in range(width):
        if index in known or _column_is_blank(below, index, shortest):
            continue
        label = below[0][index] if index < len(below[0]) else ""
        findings.append(
            make(
                "header.extra_column",
                row=layout.header_row,
                column=templates.column_letter(index + 1),
                value=None if is_blank(label) else label,
                cause="unnamed" if is_blank(label) else "",
                last=last,
            )
        )
    return findings
