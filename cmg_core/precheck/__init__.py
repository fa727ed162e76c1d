"""The pre-check (SPEC §3): one validator for the portal, the CLI and the back office.

`check_workbook` runs the levels in order — file guards, structure, cells, rows and file — and
returns a `Report`. It never raises on bad input: every problem is a finding. Blocking structure
problems (no known template, the wrong one) stop before the cells; otherwise every finding is
reported. "Today" is an input, never read from the clock here.
"""

from __future__ import annotations

import datetime
import logging

from cmg_core.precheck.catalogue import make
from cmg_core.precheck.context import Context
from cmg_core.precheck.data_rows import find_data_rows
from cmg_core.precheck.file_level import choose_sheet, rejection_finding
from cmg_core.precheck.file_rules import check_file
from cmg_core.precheck.lines import build_lines, read_cells
from cmg_core.precheck.report import DeclarationLine, Finding, Report, Severity
from cmg_core.precheck.row_rules import check_rows
from cmg_core.precheck.structure import check_structure
from cmg_core.templates import TemplateCode
from cmg_core.values import Month
from cmg_core.workbook.reader import WorkbookRejected, read_workbook

__all__ = ["DeclarationLine", "Finding", "Report", "Severity", "check_workbook"]

log = logging.getLogger(__name__)


def check_workbook(
    data: bytes,
    filename: str,
    *,
    template: TemplateCode | str | None = None,
    today: datetime.date,
) -> Report:
    """Every finding of the file `data` (an upload's bytes), as a report."""
    report = Report(file=filename, template=None, month=None, rows=0)
    try:
        workbook = read_workbook(data)
    except WorkbookRejected as rejected:
        log.debug("file refused by the guards: %s", rejected.code)
        report.findings.append(rejection_finding(rejected, data))
        return report
    choice = choose_sheet(workbook)
    report.findings += choice.findings
    if choice.sheet is None:
        return report
    sheet = choice.sheet
    structure = check_structure(sheet.rows, template)
    report.findings += structure.findings
    layout = structure.layout
    if layout is None:
        return _sorted(report)
    report.template = layout.template.code
    data_rows = find_data_rows(sheet.rows, layout)
    report.findings += data_rows.findings
    report.rows = len(data_rows.rows)
    if not data_rows.rows:
        report.findings.append(make("file.no_data"))
        return _sorted(report)
    today_month = Month.of(today)
    cells = read_cells(
        sheet.rows, data_rows.rows, layout, sheet.formulas_without_value, today_month
    )
    report.findings += cells.findings
    lines = build_lines(cells)
    context = Context(cells, lines, today_month)
    report.findings += check_rows(lines, context)
    report.findings += check_file(lines, context)
    months = list(context.month_counts)
    report.month = str(months[0]) if len(months) == 1 else None
    report.lines = lines
    log.debug("pre-check done: %d rows, %d findings", report.rows, len(report.findings))
    return _sorted(report)


def _sorted(report: Report) -> Report:
    """File-level findings first, then by row and column as the user reads the sheet."""
    report.findings.sort(
        key=lambda f: (f.row is not None, f.row or 0, len(f.column or ""), f.column or "")
    )
    return report
