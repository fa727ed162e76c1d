"""Running the pre-check in tests: one validation date, findings as triples."""

from __future__ import annotations

from cmg_core.precheck import Report, check_workbook
from tests.precheck.workbooks import TODAY


def check(data: bytes, *, template: str | None = None, today=TODAY) -> Report:
    return check_workbook(data, "declaration.xlsx", template=template, today=today)


def codes_at(report: Report, code: str) -> set[tuple[int | None, str | None]]:
    """`(row, column)` of every finding of `code`."""
    return {(row, column) for c, row, column in report.triples() if c == code}
