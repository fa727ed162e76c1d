"""The blank MC and GAD templates the portal hands out, generated from templates.py.

Row 1: the exact headers, locked. Row 2: the guidance texts (a file may keep or delete it, so
it is left unlocked). Data rows: per-column number format (text "@" where leading zeros matter),
Excel data validation with an input message and an error message, unlocked. The sheet is
protected without a password: the headers cannot be typed over by accident, rows can still be
inserted, deleted, sorted and formatted, and anyone may lift the protection in one click.
Panes are frozen below row 2 so headers and guidance stay in sight while typing.
"""

from __future__ import annotations

import functools
import io
import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cmg_core.templates import Template
from cmg_core.workbook.validation import data_validation

SHEET_TITLE = "Déclaration"
FIRST_DATA_ROW = 3
FORMATTED_ROWS = 1000  # data rows formatted cell by cell (the columns carry it further)
LAST_EXCEL_ROW = 1_048_576
BLEU_FRANCE = "000091"
GUIDANCE_FILL = "E3E3FD"
LINE_HEIGHT = 15

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", start_color=BLEU_FRANCE, end_color=BLEU_FRANCE)
_GUIDANCE_FONT = Font(italic=True, color="3A3A3A")
_GUIDANCE_FILL = PatternFill("solid", start_color=GUIDANCE_FILL, end_color=GUIDANCE_FILL)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


@functools.cache
def blank_template(template: Template) -> bytes:
    """The .xlsx bytes of the blank template of `template` (MC or GAD); built once per run."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    _write_header(sheet, template)
    _write_guidance(sheet, template)
    _format_data_area(sheet, template)
    _protect(sheet)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"1:{FIRST_DATA_ROW - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = f"Déclaration mensuelle CMG – {template.label}"
    book.properties.subject = f"Modèle vierge {template.code.value} des attestations mensuelles"
    book.properties.creator = "Caf"
    book.properties.language = "fr-FR"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_header(sheet: Worksheet, template: Template) -> None:
    for index, column in enumerate(template.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = _height(template.headers, template)


def _write_guidance(sheet: Worksheet, template: Template) -> None:
    for index, text in enumerate(template.guidance_row, start=1):
        cell = sheet.cell(row=2, column=index, value=text or None)
        cell.font = _GUIDANCE_FONT
        cell.fill = _GUIDANCE_FILL
        cell.alignment = _WRAP
        cell.protection = _UNLOCKED
    sheet.row_dimensions[2].height = _height(template.guidance_row, template)


def _format_data_area(sheet: Worksheet, template: Template) -> None:
    last = FIRST_DATA_ROW + FORMATTED_ROWS - 1
    for index, column in enumerate(template.columns, start=1):
        letter = get_column_letter(index)
        # The column style reaches the rows past the formatted ones, where Excel and
        # LibreOffice create cells with it.
        dimension = sheet.column_dimensions[letter]
        dimension.number_format = column.number_format
        dimension.protection = _UNLOCKED
        for row in range(FIRST_DATA_ROW, last + 1):
            cell = sheet.cell(row=row, column=index)
            cell.number_format = column.number_format
            cell.protection = _UNLOCKED
        cells = f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_EXCEL_ROW}"
        sheet.add_data_validation(data_validation(column, cells))


def _protect(sheet: Worksheet) -> None:
    """Protect the locked cells (the headers) only; in openpyxl a True flag forbids."""
    protection = sheet.protection
    protection.sheet = True
    protection.sort = False
    protection.autoFilter = False
    protection.formatCells = False
    protection.formatColumns = False
    protection.formatRows = False
    protection.insertRows = False
    protection.deleteRows = False
    protection.insertHyperlinks = False
    protection.insertColumns = True  # a column more or less breaks the template
    protection.deleteColumns = True


def _height(texts: tuple[str, ...], template: Template) -> float:
    """A row height showing every wrapped text whole (about 1.1 character per width unit)."""
    lines = max(
        math.ceil(len(text) * 1.1 / column.width) if text else 1
        for text, column in zip(texts, template.columns, strict=True)
    )
    return LINE_HEIGHT * max(lines, 1)
