"""Safe corrections of a partner's workbook (cmg_core/corrections.py)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from cmg_core.corrections import correct_workbook, may_help
from cmg_core.templates import GAD, MC, Template
from cmg_core.workbook.reader import WorkbookRejected
from tests.pages import partner_files


def workbook_bytes(template: Template, *rows: list[object], guidance: bool = False) -> bytes:
    return partner_files.workbook_bytes(list(rows), template, guidance=guidance)


def mc_row(**changes: object) -> list[object]:
    """A correct micro-crèche line of February 2026."""
    return partner_files.mc_row(month="02/2026", **changes)


def cells(data: bytes) -> dict[str, object]:
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row}


def test_decimal_hours_are_rounded_down_and_listed_with_their_reason() -> None:
    data = workbook_bytes(MC, mc_row(total_hours=15.5, special_hours=2.75))

    result = correct_workbook(data, "MC")

    assert cells(result.data)["F2"] == 15
    assert cells(result.data)["G2"] == 2
    first = result.corrections[0]
    assert (first.cell, first.before, first.after) == ("F2", 15.5, 15)
    assert "inférieure" in first.reason_fr


def test_text_hours_with_a_comma_or_written_15h30_are_rounded_down() -> None:
    data = workbook_bytes(MC, mc_row(total_hours="15,5"), mc_row(total_hours="15h30"))

    result = correct_workbook(data, MC)

    assert (cells(result.data)["F2"], cells(result.data)["F3"]) == (15, 15)


def test_the_key_letter_is_dropped_from_an_eight_character_allocataire_number() -> None:
    data = workbook_bytes(MC, mc_row(allocataire="0123456A"))

    result = correct_workbook(data, "MC")

    assert cells(result.data)["B2"] == "0123456"
    assert [(c.cell, c.before, c.after) for c in result.corrections] == [
        ("B2", "0123456A", "0123456")
    ]


def test_a_lost_leading_zero_is_never_guessed() -> None:
    data = workbook_bytes(MC, mc_row(allocataire=123456), mc_row(allocataire="123456"))

    result = correct_workbook(data, "MC")

    assert result.corrections == []
    assert cells(result.data)["B2"] == 123456
    assert cells(result.data)["B3"] == "123456"


def test_spaces_around_a_text_are_trimmed() -> None:
    data = workbook_bytes(MC, mc_row(child_last_name="  Martin ", allocataire=" 0123456"))

    result = correct_workbook(data, "MC")

    assert cells(result.data)["C2"] == "Martin"
    assert cells(result.data)["B2"] == "0123456"
    assert {c.cell for c in result.corrections} == {"B2", "C2"}


def test_text_dates_become_real_dates() -> None:
    data = workbook_bytes(MC, mc_row(birth_date="14/05/2023", end_date=" 2026-02-20"))

    result = correct_workbook(data, "MC")

    sheet = load_workbook(BytesIO(result.data)).worksheets[0]
    assert sheet["E2"].value == datetime(2023, 5, 14)
    assert sheet["I2"].value == datetime(2026, 2, 20)
    assert sheet["E2"].number_format == "DD/MM/YYYY"


def test_an_impossible_text_date_is_left_as_it_is() -> None:
    data = workbook_bytes(MC, mc_row(birth_date="31/02/2023"))

    result = correct_workbook(data, "MC")

    assert result.corrections == []


def test_month_cells_are_written_mm_aaaa_from_a_date_or_a_short_text() -> None:
    data = workbook_bytes(
        GAD,
        ["3/2026", "0123456", 100, 0, 800, None],
        [datetime(2026, 3, 1), "0654321", 100, 0, 800, None],
    )

    result = correct_workbook(data, "GAD")

    sheet = load_workbook(BytesIO(result.data)).worksheets[0]
    assert (sheet["A2"].value, sheet["A3"].value) == ("03/2026", "03/2026")
    assert sheet["A3"].number_format == "@"


def test_the_template_is_detected_when_none_is_given() -> None:
    data = workbook_bytes(GAD, ["02/2026", "0123456A", 100.9, 0, 800, None])

    result = correct_workbook(data, None)

    assert {c.cell for c in result.corrections} == {"B2", "C2"}


def test_the_guidance_row_is_kept_untouched() -> None:
    data = workbook_bytes(MC, mc_row(total_hours=20.5), guidance=True)

    result = correct_workbook(data, "MC")

    assert [c.cell for c in result.corrections] == ["F3"]
    assert cells(result.data)["B2"] == MC.column("allocataire").guidance


def test_a_correct_file_comes_back_byte_for_byte() -> None:
    data = workbook_bytes(MC, mc_row(), mc_row(allocataire="0654321"))

    result = correct_workbook(data, "MC")

    assert result.corrections == []
    assert result.data == data


def test_the_rest_of_the_workbook_is_kept() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(list(MC.headers))
    sheet.append(mc_row(total_hours=12.5))
    sheet["K2"] = "note de la directrice"
    sheet.column_dimensions["C"].width = 31
    book.create_sheet("Notes")["A1"] = "à garder"
    out = BytesIO()
    book.save(out)

    result = correct_workbook(out.getvalue(), "MC")

    corrected = load_workbook(BytesIO(result.data))
    assert corrected.sheetnames == ["Sheet", "Notes"]
    assert corrected["Sheet"]["K2"].value == "note de la directrice"
    assert corrected["Sheet"].column_dimensions["C"].width == 31
    assert corrected["Notes"]["A1"].value == "à garder"
    assert corrected["Sheet"]["F2"].value == 12


def test_a_file_that_is_not_a_workbook_is_rejected_by_the_guards() -> None:
    with pytest.raises(WorkbookRejected):
        correct_workbook(b"MOIS;NUMERO\n02/2026;0123456\n", "MC")


def test_dates_in_the_past_stay_dates_after_correction() -> None:
    data = workbook_bytes(MC, mc_row(birth_date="01.12.2022"))

    result = correct_workbook(data, "MC")

    assert load_workbook(BytesIO(result.data)).worksheets[0]["E2"].value.date() == date(2022, 12, 1)


def test_corrections_are_offered_only_when_they_may_remove_an_error() -> None:
    assert may_help({"allocataire.format", "amount.invalid"})
    assert not may_help({"amount.invalid"})
    assert not may_help({"file.format"})
    assert not may_help({"header.missing_column", "hours.invalid"})
