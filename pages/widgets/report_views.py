"""Views of a pre-check report for the partner pages: grouped findings, the file grid, exports.

Plain functions without Streamlit, so that the widgets stay thin and these stay unit-tested.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from cmg_core.guide import finding_kind, format_value, short_label
from cmg_core.precheck.report import Finding, Report, Severity
from cmg_core.workbook.safe_text import neutralise

CSV_HEADERS = (
    "Sévérité",
    "Ligne",
    "Colonne",
    "Cellule",
    "Champ",
    "Valeur lue",
    "Code",
    "Problème",
    "Comment corriger",
)
SEVERITY_WORDS = {
    Severity.ERROR: "Erreur",
    Severity.WARNING: "Avertissement",
    Severity.INFO: "Information",
}
# Cell backgrounds of the grid; the same colours as the annotated workbook.
CELL_COLOURS = {Severity.ERROR: "#FFC7CE", Severity.WARNING: "#FFE0B2", Severity.INFO: "#E3E3FD"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class RowFindings:
    """The findings of one Excel row (`row` None: about the whole file)."""

    row: int | None
    findings: list[Finding]

    @property
    def severity(self) -> Severity:
        return min((f.severity for f in self.findings), key=_RANK.__getitem__)


def output_name(filename: str, suffix: str, extension: str) -> str:
    """`mars.xlsx` → `mars-erreurs.xlsx`: a safe name for a file given back to the partner."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    stem = re.sub(r"[^\w.\- ]+", "_", stem).strip(" ._") or "fichier"
    return f"{stem[:80]}-{suffix}.{extension}"


def select(
    findings: Iterable[Finding], *, errors_only: bool = False, kinds: Sequence[str] = ()
) -> list[Finding]:
    """The findings a partner asked to see: errors only, and/or some kinds only."""
    return [
        f
        for f in findings
        if (not errors_only or f.severity is Severity.ERROR)
        and (not kinds or finding_kind(f) in kinds)
    ]


def group_by_row(findings: Iterable[Finding]) -> list[RowFindings]:
    """Findings grouped by Excel row: file-level ones first, then rows in order."""
    groups: dict[int | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.row, []).append(finding)
    for items in groups.values():
        items.sort(key=lambda f: (_RANK[f.severity], f.column or ""))
    order = sorted(groups, key=lambda row: -1 if row is None else row)
    return [RowFindings(row, groups[row]) for row in order]


def report_csv(report: Report) -> bytes:
    """The findings as a CSV for French Excel: `;` separator, UTF-8 with BOM, neutralised text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for f in report.findings:
        cells = (
            SEVERITY_WORDS[f.severity],
            "" if f.row is None else f.row,
            f.column or "",
            f.cell or "",
            f.field or "",
            format_value(f.value),
            f.code,
            f.message,
            f.hint,
        )
        writer.writerow([neutralise(c) for c in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_json(report: Report) -> bytes:
    """The report as SPEC §3's JSON object, UTF-8."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class Grid:
    """The rows of the file to show, as text, and the background of each faulty cell."""

    frame: pd.DataFrame  # index: Excel row number; columns: "B · N° allocataire"
    colours: pd.DataFrame  # same shape, CSS (`background-color: …`) or ""
    total_rows: int  # data rows in the file, before the faulty-rows filter
    headers: dict[str, str]  # column title → the header as written in the file


def file_grid(
    rows: Sequence[Sequence[object]], findings: Sequence[Finding], *, all_rows: bool
) -> Grid:
    """The data rows of a sheet (row 1 holds headers) with faulty cells coloured.

    By default only the rows with a finding are kept, which keeps a 5,000-row file fast.
    """
    width = max((len(r) for r in rows), default=0)
    headers = list(rows[0]) + [""] * (width - len(rows[0])) if rows else []
    columns = [_column_title(j, headers[j]) for j in range(width)]
    worst: dict[tuple[int, str], Severity] = {}
    for f in findings:
        if f.row is not None and f.column is not None:
            key = (f.row, f.column)
            if key not in worst or _RANK[f.severity] < _RANK[worst[key]]:
                worst[key] = f.severity
    faulty_rows = {row for row, _ in worst} | {f.row for f in findings if f.row is not None}
    data_rows = [i + 1 for i, r in enumerate(rows) if i > 0 and any(v not in (None, "") for v in r)]
    shown = data_rows if all_rows else [n for n in data_rows if n in faulty_rows]
    shown = sorted(set(shown) | {n for n in faulty_rows if n <= len(rows)})
    texts = [[format_value(_at(rows[n - 1], j)) for j in range(width)] for n in shown]
    frame = pd.DataFrame(texts, index=pd.Index(shown, name="Ligne"), columns=columns)
    styles = [[_css(worst.get((n, get_column_letter(j + 1)))) for j in range(width)] for n in shown]
    colours = pd.DataFrame(styles, index=frame.index, columns=columns)
    full = {title: format_value(_at(headers, j)) for j, title in enumerate(columns)}
    return Grid(frame, colours, len(data_rows), full)


def _at(row: Sequence[object], index: int) -> object:
    value = row[index] if index < len(row) else None
    return None if value == "" else value


def _column_title(index: int, header: object) -> str:
    letter = get_column_letter(index + 1)
    text = format_value(header).strip()
    return f"{letter} · {short_label(text)}" if text else letter


def _css(severity: Severity | None) -> str:
    if severity is None:
        return ""
    return f"background-color: {CELL_COLOURS[severity]}; color: #161616"
