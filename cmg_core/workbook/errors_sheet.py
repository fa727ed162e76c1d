"""The "Erreurs" sheet of an annotated workbook: one line per finding, a link to its cell.

Every text comes from the user's file or is about it, so each one passes through
`safe_text.cell_value` (no formula, no character an xlsx cannot hold).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from cmg_core.findings import Finding, Severity
from cmg_core.workbook.blank import BLEU_FRANCE
from cmg_core.workbook.safe_text import cell_value

ERRORS_SHEET = "Erreurs"
AUTHOR = "Pré-contrôle CMG"
HEADER = ("Sévérité", "Ligne", "Colonne", "Champ", "Valeur", "Message", "Conseil", "Cellule")
WIDTHS = (15, 8, 9, 28, 22, 60, 60, 12)
SEVERITY_LABELS = {
    Severity.ERROR: "Erreur",
    Severity.WARNING: "Avertissement",
    Severity.INFO: "Information",
}
NO_FINDING = "Aucune anomalie trouvée : le fichier peut être déposé."
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", start_color=BLEU_FRANCE, end_color=BLEU_FRANCE)
_SEVERITY_FONTS = {
    Severity.ERROR: Font(bold=True, color="CE0500"),
    Severity.WARNING: Font(bold=True, color="B34000"),
    Severity.INFO: Font(color=BLEU_FRANCE),
}
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def write_errors(sheet: Worksheet, findings: Sequence[Finding], data_sheet: str | None) -> None:
    """Fill `sheet` with `findings` (already in reading order), linked into `data_sheet`."""
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    for letter, width in zip("ABCDEFGH", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    if not findings:
        sheet.append([NO_FINDING])
        return
    for row, finding in enumerate(findings, start=2):
        cells = [sheet.cell(row=row, column=c, value=v) for c, v in enumerate(_line(finding), 1)]
        cells[0].font = _SEVERITY_FONTS[finding.severity]
        for cell in cells:
            cell.alignment = _WRAP if 4 <= cell.column <= 7 else _TOP
        if data_sheet is not None and finding.row is not None:
            _link(cells[-1], data_sheet, finding)
    sheet.auto_filter.ref = f"A1:H{len(findings) + 1}"


def is_errors_sheet(sheet: Worksheet) -> bool:
    """Whether the openpyxl `sheet` is the "Erreurs" sheet of an earlier annotation."""
    first = [cell.value for cell in next(sheet.iter_rows(max_row=1), ())]
    return is_annotation_sheet(sheet.title, first)


def is_annotation_sheet(name: str, first_row: Sequence[object]) -> bool:
    """Whether a sheet (its name and row 1) is an "Erreurs" sheet written by `annotate`.

    The pre-check can skip such a sheet when a partner sends an annotated file back.
    """
    return name.startswith(ERRORS_SHEET) and tuple(first_row[: len(HEADER)]) == HEADER


def _line(finding: Finding) -> list[object]:
    return [
        SEVERITY_LABELS[finding.severity],
        finding.row,
        cell_value(finding.column),
        cell_value(finding.field),
        cell_value(finding.value),
        cell_value(finding.message),
        cell_value(finding.hint),
        None,
    ]


def _link(cell, data_sheet: str, finding: Finding) -> None:
    target = f"{finding.column or 'A'}{finding.row}"
    quoted = data_sheet.replace("'", "''")
    cell.value = cell_value(f"Aller en {target}")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!{target}")
    cell.font = Font(color=BLEU_FRANCE, underline="single")
