"""Views of a pre-check report: grouping, filters, grid and exports (pages/widgets/report_views)."""

from __future__ import annotations

import json
from datetime import date

from cmg_core.precheck.report import Finding, Report, Severity
from pages.widgets.report_views import (
    file_grid,
    group_by_row,
    output_name,
    report_csv,
    report_json,
    select,
)


def finding(code: str, severity: Severity, row: int | None, column: str | None, value="x"):
    return Finding(code, severity, row, column, "CHAMP", value, f"message {code}", "conseil")


FINDINGS = [
    finding("hours.invalid", Severity.ERROR, 3, "F", 15.5),
    finding("allocataire.format", Severity.ERROR, 2, "B", "=HYPERLINK(1)"),
    finding("hours.below_minimum", Severity.WARNING, 3, "F", 15.5),
    finding("sheet.multiple", Severity.WARNING, None, None, None),
]
REPORT = Report("mars.xlsx", "MC", "02/2026", 3, list(FINDINGS))


def test_findings_are_grouped_by_row_with_the_file_level_ones_first() -> None:
    groups = group_by_row(FINDINGS)

    assert [g.row for g in groups] == [None, 2, 3]
    assert [f.code for f in groups[2].findings] == ["hours.invalid", "hours.below_minimum"]
    assert groups[2].severity is Severity.ERROR


def test_the_filters_keep_errors_only_or_the_chosen_kinds() -> None:
    assert {f.code for f in select(FINDINGS, errors_only=True)} == {
        "hours.invalid",
        "allocataire.format",
    }
    assert {f.code for f in select(FINDINGS, kinds=["Heures de garde"])} == {
        "hours.invalid",
        "hours.below_minimum",
    }


def test_the_csv_report_opens_in_french_excel_and_cannot_run_a_formula() -> None:
    data = report_csv(REPORT)

    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == ["Sévérité", "Ligne", "Colonne"]
    assert "'=HYPERLINK(1)" in data.decode("utf-8-sig")
    assert "Erreur;3;F;F3;CHAMP;15,5;hours.invalid" in data.decode("utf-8-sig")
    assert len(lines) == 1 + len(FINDINGS)


def test_the_json_report_is_the_spec_object() -> None:
    data = json.loads(report_json(REPORT))

    assert data["valid"] is False
    assert data["counts"] == {"error": 2, "warning": 2, "info": 0}
    assert data["findings"][0]["code"] == "hours.invalid"


def test_the_grid_shows_only_faulty_rows_by_default_and_colours_their_cells() -> None:
    rows = [
        ["MOIS", "NUMERO", "", "", "", "HEURES"],
        ["02/2026", "12345", "", "", "", 100.0],
        ["02/2026", "0123456", "", "", "", 15.5],
        ["02/2026", "0654321", "", "", "", 120.0],
    ]

    grid = file_grid(rows, FINDINGS, all_rows=False)

    assert list(grid.frame.index) == [2, 3]
    assert grid.frame.loc[3, "F · HEURES"] == "15,5"
    assert "FFC7CE" in grid.colours.loc[2, "B · NUMERO"]
    assert grid.colours.loc[2, "A · MOIS"] == ""
    assert grid.total_rows == 3
    assert grid.headers["B · NUMERO"] == "NUMERO"


def test_the_grid_shows_every_data_row_when_asked() -> None:
    rows = [["MOIS"], ["02/2026"], [""], [date(2026, 2, 1)]]

    grid = file_grid(rows, [], all_rows=True)

    assert list(grid.frame.index) == [2, 4]
    assert grid.frame.loc[4, "A · MOIS"] == "01/02/2026"


def test_output_names_keep_the_partner_file_name_safely() -> None:
    assert output_name("Mars 2026.xlsx", "annote", "xlsx") == "Mars 2026-annote.xlsx"
    assert output_name("../../etc/passwd", "rapport", "csv") == "passwd-rapport.csv"
    assert output_name(".xlsx", "corrige", "xlsx") == "fichier-corrige.xlsx"
