"""A valid file gives a valid report whose lines are typed for the back office."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from cmg_core.precheck import DeclarationLine
from cmg_core.values import Month
from tests.precheck.helpers import check
from tests.precheck.workbooks import mc_row, mc_workbook, varied_mc_rows


def test_a_valid_file_is_valid_with_no_finding_and_one_typed_line_per_row():
    report = check(mc_workbook(varied_mc_rows(4), guidance=True))
    assert report.valid and report.findings == []
    assert report.template == "MC" and report.month == "10/2026" and report.rows == 4
    assert report.lines[0] == DeclarationLine(
        row=3,
        month=Month(2026, 10),
        allocataire="1000000",
        child_last_name="Martin",
        child_first_name="Léa",
        birth_date=date(2023, 3, 14),
        total_hours=40,
        special_hours=4,
        amount=Decimal("300.00"),
        end_date=None,
    )
    assert [line.row for line in report.lines] == [3, 4, 5, 6]


def test_the_report_dict_has_the_spec_shape_and_no_lines():
    report = check(mc_workbook([mc_row(allocataire="12")]))
    data = report.to_dict()
    assert list(data) == ["file", "template", "month", "valid", "rows", "counts", "findings"]
    assert data["counts"] == {"error": 1, "warning": 0, "info": 0}
    assert list(data["findings"][0]) == [
        "code", "severity", "row", "column", "field", "value", "message", "hint",
    ]  # fmt: skip
    json.dumps(data, ensure_ascii=False)
    assert "lines" not in repr(report)


def test_findings_are_ordered_as_the_user_reads_the_sheet():
    rows = [mc_row(amount=-1, allocataire="1"), mc_row(month="x", child_first_name="Hugo")]
    report = check(mc_workbook(rows))
    assert [(f.row, f.column) for f in report.findings] == [(2, "B"), (2, "H"), (3, "A")]


def test_an_annotated_copy_sent_back_is_checked_on_its_data_sheet_not_its_errors_sheet():
    from cmg_core.workbook.annotate import annotate

    faulty = mc_workbook([mc_row(allocataire="12")])
    annotated = annotate(faulty, check(faulty).findings)
    report = check(annotated)
    assert report.template == "MC"
    assert ("allocataire.format", 2, "B") in report.triples()
    assert "sheet.multiple" not in report.codes()
