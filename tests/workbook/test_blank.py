"""The blank templates: exact headers, guidance, formats, validation, protection, frozen panes."""

from __future__ import annotations

import functools
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from cmg_core import templates
from cmg_core.precheck import check_workbook
from cmg_core.templates import Template
from cmg_core.workbook.blank import SHEET_TITLE, blank_template
from cmg_core.workbook.validation import MESSAGE_LIMIT, TITLE_LIMIT
from tests.test_templates import SPEC_GAD, SPEC_MC

BOTH = pytest.mark.parametrize("template", [templates.MC, templates.GAD], ids=["MC", "GAD"])


@functools.cache
def _sheet(template: Template):
    """The blank template reopened with openpyxl (read-only use: tests never change it)."""
    book = load_workbook(io.BytesIO(blank_template(template)))
    return book, book[SHEET_TITLE]


@pytest.mark.parametrize(("template", "spec"), [(templates.MC, SPEC_MC), (templates.GAD, SPEC_GAD)])
def test_row_1_holds_the_spec_headers_byte_for_byte(template: Template, spec):
    _, sheet = _sheet(template)
    assert tuple(cell.value for cell in sheet[1]) == spec
    assert sheet.max_column == len(spec)


@BOTH
def test_row_2_holds_the_guidance_texts(template: Template):
    _, sheet = _sheet(template)
    assert tuple(cell.value or "" for cell in sheet[2]) == template.guidance_row
    assert all(cell.font.italic and cell.alignment.wrap_text for cell in sheet[2])


@BOTH
def test_data_cells_carry_the_column_number_format(template: Template):
    _, sheet = _sheet(template)
    for index, column in enumerate(template.columns, start=1):
        for row in (3, 1002):
            assert sheet.cell(row=row, column=index).number_format == column.number_format
        letter = template.letter(column.key)
        assert sheet.column_dimensions[letter].number_format == column.number_format


def test_cells_where_leading_zeros_matter_are_text():
    _, sheet = _sheet(templates.MC)
    for key in ("month", "allocataire", "child_last_name", "child_first_name"):
        assert sheet[f"{templates.MC.letter(key)}3"].number_format == "@"
    assert sheet["E3"].number_format == "DD/MM/YYYY"
    assert sheet["F3"].number_format == "0"
    assert sheet["H3"].number_format == "#,##0.00"


@BOTH
def test_every_column_has_a_french_input_message_within_excel_limits(template: Template):
    _, sheet = _sheet(template)
    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    for column in template.columns:
        validation = validations[f"{template.letter(column.key)}3"]
        assert str(validation.sqref).endswith("1048576")
        assert validation.showInputMessage and validation.prompt == column.help
        assert len(validation.prompt) <= MESSAGE_LIMIT
        assert 0 < len(validation.promptTitle) <= TITLE_LIMIT
        if validation.type:
            assert validation.showErrorMessage and validation.errorStyle == "stop"
            assert len(validation.errorTitle) <= TITLE_LIMIT
            assert len(validation.error) <= MESSAGE_LIMIT


def test_validations_match_what_each_column_accepts():
    _, sheet = _sheet(templates.MC)
    by_column = {str(v.sqref)[0]: v for v in sheet.data_validations.dataValidation}
    assert (by_column["B"].type, by_column["B"].operator, by_column["B"].formula1) == (
        "textLength",
        "equal",
        "7",
    )
    assert "7 chiffres" in by_column["B"].error
    assert (by_column["F"].type, by_column["F"].formula1) == ("whole", "0")
    assert by_column["F"].error.startswith("Saisissez un nombre entier d'heures")
    assert (by_column["H"].type, by_column["H"].operator, by_column["H"].formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    assert by_column["E"].type == by_column["I"].type == "date"
    assert "JJ/MM/AAAA" in by_column["E"].error
    assert by_column["C"].type is None


@BOTH
def test_the_header_row_is_protected_and_the_data_cells_are_not(template: Template):
    _, sheet = _sheet(template)
    protection = sheet.protection
    assert protection.sheet and not protection.password
    assert all(cell.protection.locked for cell in sheet[1])
    assert not any(cell.protection.locked for cell in sheet[2])
    assert not any(cell.protection.locked for cell in sheet[3])
    assert not sheet.cell(row=1002, column=1).protection.locked
    assert not sheet.column_dimensions["A"].protection.locked


@BOTH
def test_sorting_filtering_and_formatting_stay_allowed(template: Template):
    # In a sheet's protection a True flag forbids the action.
    _, sheet = _sheet(template)
    protection = sheet.protection
    for allowed in ("sort", "autoFilter", "formatCells", "formatRows", "insertRows", "deleteRows"):
        assert getattr(protection, allowed) is False, allowed
    assert protection.insertColumns and protection.deleteColumns


@BOTH
def test_headers_and_guidance_stay_in_sight_with_readable_widths(template: Template):
    book, sheet = _sheet(template)
    assert sheet.freeze_panes == "A3"
    for column in template.columns:
        assert sheet.column_dimensions[template.letter(column.key)].width == column.width
    assert book.properties.title == f"Déclaration mensuelle CMG – {template.label}"
    assert book.sheetnames == [SHEET_TITLE]


def test_the_blank_template_filled_with_valid_lines_passes_the_pre_check():
    book = load_workbook(io.BytesIO(blank_template(templates.MC)))
    sheet = book[SHEET_TITLE]
    lines = [
        ["03/2026", "0123456", "MARTIN", "Léa", date(2023, 5, 14), 120, 0, 960, None],
        ["03/2026", "0765432", "PETIT", "Noé", date(2022, 1, 2), 80, 4, 700.5, None],
    ]
    for offset, line in enumerate(lines):
        for index, value in enumerate(line, start=1):
            sheet.cell(row=3 + offset, column=index, value=value)
    out = io.BytesIO()
    book.save(out)
    report = check_workbook(out.getvalue(), "mc.xlsx", template="MC", today=date(2026, 4, 10))
    assert report.valid, report.findings
    assert (report.template, report.rows, report.month) == ("MC", 2, "03/2026")
