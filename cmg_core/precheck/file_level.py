"""File level: the workbook layer's refusals as findings, and which sheet is checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from cmg_core.findings import Finding
from cmg_core.precheck.catalogue import make
from cmg_core.precheck.wording import size_text
from cmg_core.workbook.budgets import MAX_BYTES
from cmg_core.workbook.errors_sheet import is_annotation_sheet
from cmg_core.workbook.reader import Sheet, Workbook, WorkbookRejected

FORMAT_WORDS = {
    "xls": "Excel 97-2003 (.xls)",
    "xlsb": "Excel binaire (.xlsb)",
    "ods": "OpenDocument (.ods)",
    "odf": "OpenDocument",
    "csv": "CSV (.csv)",
    "pdf": "PDF (.pdf)",
    "doc": "Word (.doc)",
    "docx": "Word (.docx)",
    "pptx": "PowerPoint (.pptx)",
    "png": "image (.png)",
    "jpeg": "image (.jpg)",
    "gif": "image (.gif)",
    "html": "page web (HTML)",
    "xml": "XML",
    "text": "texte",
    "zip": "archive ZIP",
    "ole2": "ancien document Office",
}


def rejection_finding(rejected: WorkbookRejected, data: bytes) -> Finding:
    """The one file-level finding for a file the guards refused."""
    params = rejected.params
    if rejected.code == "file.format":
        detected = str(params.get("detected", ""))
        return make("file.format", format=FORMAT_WORDS.get(detected, "non reconnu"))
    if rejected.code == "file.too_large":
        size = params.get("size_bytes")
        limit = params.get("limit_bytes")
        return make(
            "file.too_large",
            size=size_text(size if isinstance(size, int) else len(data)),
            limit=size_text(limit if isinstance(limit, int) else MAX_BYTES),
        )
    return make(rejected.code, cause=str(params.get("reason", "")))


@dataclass
class SheetChoice:
    """The sheet to check (None when every sheet is empty) and the findings about sheets."""

    sheet: Sheet | None
    findings: list[Finding] = field(default_factory=list)


def choose_sheet(workbook: Workbook) -> SheetChoice:
    """The first visible non-empty sheet; other filled sheets and external links reported."""
    # An annotated copy sent back as is starts with our "Erreurs" sheet: it is not the data.
    filled = [
        sheet
        for sheet in workbook.sheets
        if not sheet.is_empty and not is_annotation_sheet(sheet.name, sheet.rows[0])
    ]
    visible = [sheet for sheet in filled if sheet.visible]
    hidden = [sheet for sheet in filled if not sheet.visible]
    findings = []
    if workbook.external_links:
        findings.append(make("file.external_links"))
    if hidden:
        cause = "several" if len(hidden) > 1 else ""
        findings.append(make("sheet.hidden", cause=cause, count=len(hidden), sheet=hidden[0].name))
    if not visible:
        return SheetChoice(None, [*findings, make("file.no_data")])
    if len(visible) > 1:
        findings.append(make("sheet.multiple", count=len(visible), sheet=visible[0].name))
    return SheetChoice(visible[0], findings)
