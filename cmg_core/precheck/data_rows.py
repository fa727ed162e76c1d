"""Which rows hold declarations: below the headers, past the guidance row, up to the last one.

A row right under the headers whose every filled cell is its column's guidance text (SPEC §2)
is the template's guidance row and is skipped, even if some guidance cells were deleted. A row
mixing guidance texts and data is a data row: its guidance cells then fail their own checks.
Empty rows between data rows are reported (`row.blank`); trailing empty rows are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cmg_core.findings import Finding
from cmg_core.precheck.catalogue import make
from cmg_core.precheck.structure import Layout, is_blank, normalise_label


@dataclass
class DataRows:
    rows: list[int]  # Excel rows holding a declaration, in order
    findings: list[Finding] = field(default_factory=list)


def find_data_rows(sheet_rows: Sequence[Sequence[object]], layout: Layout) -> DataRows:
    first = layout.header_row  # 0-based index of the row under the headers
    if first < len(sheet_rows) and is_guidance_row(sheet_rows[first], layout):
        first += 1
    rows: list[int] = []
    blank: list[int] = []
    for index in range(first, len(sheet_rows)):
        row = sheet_rows[index]
        if all(is_blank(v) for v in row):
            blank.append(index + 1)
            continue
        rows.append(index + 1)
    last = rows[-1] if rows else 0
    findings = [make("row.blank", row=r) for r in blank if rows and rows[0] < r < last]
    return DataRows(rows, findings)


def is_guidance_row(row: Sequence[object], layout: Layout) -> bool:
    seen = False
    key_at = {index: key for key, index in layout.positions.items()}
    for index, value in enumerate(row):
        if is_blank(value):
            continue
        key = key_at.get(index)
        guidance = layout.template.column(key).guidance if key else ""
        if not guidance or normalise_label(value) != normalise_label(guidance):
            return False
        seen = True
    return seen
