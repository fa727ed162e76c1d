"""Reading keeps true Excel positions, cell kinds, formulas and error cells of every sheet."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from openpyxl import Workbook

from cmg_core.workbook.reader import read_workbook, sheet_xml_paths
from tests.workbook import fixtures


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_row_and_column_numbers_stay_true_when_the_sheet_starts_lower():
    book = Workbook()
    book.active["C5"] = "en C5"
    book.active["D7"] = 12
    sheet = read_workbook(_save(book)).sheets[0]
    assert sheet.rows[4][2] == "en C5"
    assert sheet.rows[6][3] == 12.0
    assert all(value == "" for row in sheet.rows[:4] for value in row)


def test_text_numbers_dates_and_booleans_keep_their_kind():
    row = ["0123456", 123456, 15.5, date(2024, 3, 1), datetime(2024, 3, 1, 8, 30), True]
    row.append(time(13, 45))
    sheet = read_workbook(fixtures.xlsx([row])).sheets[0]
    values = sheet.rows[0]
    assert values[0] == "0123456" and isinstance(values[0], str)
    assert values[1] == 123456.0 and isinstance(values[1], float)
    assert values[2] == 15.5
    assert values[3] == date(2024, 3, 1) and not isinstance(values[3], datetime)
    assert values[4] == datetime(2024, 3, 1, 8, 30)
    assert values[5] is True
    assert values[6] == time(13, 45)


def test_a_formula_saved_by_openpyxl_is_a_formula_without_stored_value():
    data = fixtures.xlsx([[1, 2, "=A1+B1"]])
    sheet = read_workbook(data).sheets[0]
    assert sheet.rows[0][2] == ""
    assert sheet.formulas == {(1, 3)}
    assert sheet.formulas_without_value == {(1, 3)}


def test_a_formula_with_a_stored_result_gives_that_result():
    data = fixtures.raw_xlsx(
        '<row r="3"><c r="B3"><f>1+1</f><v>2</v></c>'
        '<c r="C3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        '<c r="D3"><f t="shared" ref="D3:D4" si="0">B3*2</f></c></row>',
        dimension="B3:D3",
    )
    sheet = read_workbook(data).sheets[0]
    assert sheet.rows[2][1:3] == [2.0, "ab"]
    assert sheet.formulas == {(3, 2), (3, 3), (3, 4)}
    assert sheet.formulas_without_value == {(3, 4)}


def test_error_cells_read_as_their_error_text():
    data = fixtures.raw_xlsx(
        '<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="B2" t="e"><v>#N/A</v></c><c r="C2"><v>7</v></c></row>',
        dimension="A2:C2",
    )
    sheet = read_workbook(data).sheets[0]
    assert sheet.rows[1] == ["#DIV/0!", "#N/A", 7.0]
    assert sheet.formulas == {(2, 1)}
    assert sheet.formulas_without_value == set()


def test_cells_written_without_references_are_placed_in_order():
    data = fixtures.raw_xlsx(
        '<row><c><v>1</v></c><c><f>A1*2</f></c></row><row><c t="e"><v>#REF!</v></c></row>'
    )
    sheet = read_workbook(data).sheets[0]
    assert sheet.rows[0][0] == 1.0
    assert sheet.rows[1][0] == "#REF!"
    assert sheet.formulas_without_value == {(1, 2)}


def test_a_sheet_written_with_a_namespace_prefix_is_scanned_alike():
    sheet_xml = (
        b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2"><x:f>1+1</x:f></x:c>'
        b'<x:c r="C2" t="e"><x:v>#N/A</x:v></x:c><x:c r="D2"><x:v>4</x:v></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    data = fixtures.with_part(fixtures.raw_xlsx(""), "xl/worksheets/sheet1.xml", sheet_xml)
    sheet = read_workbook(data).sheets[0]
    assert sheet.rows[1] == ["", "", "#N/A", 4.0]
    assert sheet.formulas_without_value == {(2, 2)}


def test_every_worksheet_is_read_in_workbook_order():
    data = fixtures.xlsx([["a"]], more_sheets={"Deuxième": [["b"]], "Vide": []})
    sheets = read_workbook(data).sheets
    assert [s.name for s in sheets] == ["Déclaration", "Deuxième", "Vide"]
    assert sheets[1].rows == [["b"]]
    assert [s.is_empty for s in sheets] == [False, False, True]


def test_a_sheet_holding_only_a_formula_without_value_is_not_empty():
    sheet = read_workbook(fixtures.xlsx([["=1+1"]])).sheets[0]
    assert not sheet.is_empty


def test_sheet_xml_paths_follow_the_workbook_relationships():
    data = fixtures.xlsx([["a"]], more_sheets={"Deuxième": [["b"]]})
    assert sheet_xml_paths(data) == {
        "Déclaration": "xl/worksheets/sheet1.xml",
        "Deuxième": "xl/worksheets/sheet2.xml",
    }


def test_a_realistic_monthly_file_reads_every_row_with_its_kinds():
    data = fixtures.mc_workbook(200)
    sheet = read_workbook(data).sheets[0]
    assert len(sheet.rows) == 201
    first = sheet.rows[1]
    assert isinstance(first[1], str) and len(first[1]) == 7
    assert isinstance(first[4], date)
    assert isinstance(first[5], float)
