"""Hostile or foreign files are refused with the right code, fast, before any cell is parsed."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest

from cmg_core.workbook.budgets import MAX_COLUMNS
from cmg_core.workbook.budgets import MAX_ROW as MAX_ROWS
from cmg_core.workbook.reader import MAX_BYTES, WorkbookRejected, read_workbook
from cmg_core.workbook.references import column_letters
from tests.workbook import fixtures


def _rejection(data: bytes) -> WorkbookRejected:
    """The rejection of `data`, checked to come in under 2 s and 100 MB of Python memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(WorkbookRejected) as caught:
            read_workbook(data)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < 2
    assert peak < 100 * 1024 * 1024
    return caught.value


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _sheet_xml(data: bytes, new_sheet: bytes) -> bytes:
    return fixtures.with_part(data, "xl/worksheets/sheet1.xml", new_sheet)


def test_a_file_over_20_mb_is_too_large_whatever_it_holds():
    rejected = _rejection(b"PK\x03\x04" + bytes(MAX_BYTES))
    assert rejected.code == "file.too_large"
    assert rejected.params == {"size_bytes": MAX_BYTES + 4, "limit_bytes": MAX_BYTES}


def test_an_empty_file_is_unreadable():
    assert _rejection(b"").code == "file.unreadable"


def test_a_legacy_xls_is_a_format_error_whatever_its_name():
    rejected = _rejection(fixtures.ole2(("Workbook", "\x05SummaryInformation")))
    assert (rejected.code, rejected.params["detected"]) == ("file.format", "xls")


def test_a_password_protected_xlsx_is_encrypted():
    data = fixtures.ole2(("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"))
    assert _rejection(data).code == "file.encrypted"


def test_an_ole2_file_with_a_damaged_directory_is_still_recognised_as_encrypted():
    data = bytearray(fixtures.ole2(("EncryptionInfo", "EncryptedPackage")))
    data[48:52] = b"\x50\x00\x00\x00"  # the directory now points past the end
    assert _rejection(bytes(data)).code == "file.encrypted"


def test_a_word_document_in_ole2_is_a_format_error():
    rejected = _rejection(fixtures.ole2(("WordDocument",)))
    assert (rejected.code, rejected.params["detected"]) == ("file.format", "doc")


@pytest.mark.parametrize(
    ("data", "detected"),
    [
        (fixtures.ods(), "ods"),
        (fixtures.csv_text(), "csv"),
        ("NUMERO ALLOCATAIRE,MOIS\n0123456,03/2026\n".encode("utf-16"), "csv"),
        (fixtures.pdf(), "pdf"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "png"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "html"),
        (b"Bonjour, voici notre fichier du mois.", "text"),
        (_zip({"word/document.xml": "<w:document/>"}), "docx"),
        (_zip({"xl/workbook.bin": b"\x00"}), "xlsb"),
        (_zip({"photo.txt": "rien"}), "zip"),
    ],
    ids=["ods", "csv", "csv-utf16", "pdf", "png", "html", "text", "docx", "xlsb", "zip"],
)
def test_other_formats_are_named_in_the_format_error(data: bytes, detected: str):
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["detected"]) == ("file.format", detected)


def test_random_bytes_are_unreadable():
    assert _rejection(fixtures.random_bytes()).code == "file.unreadable"


def test_a_truncated_workbook_is_unreadable():
    data = fixtures.mc_workbook(300)
    for cut in (len(data) // 3, len(data) - 30):
        assert _rejection(data[:cut]).code == "file.unreadable"


def test_a_sheet_with_broken_xml_is_unreadable():
    data = _sheet_xml(fixtures.mc_workbook(5), b"<worksheet><sheetData><row r='1'><c r='A1'>")
    assert _rejection(data).code == "file.unreadable"


def test_a_macro_enabled_workbook_is_refused():
    rejected = _rejection(fixtures.with_macros(fixtures.mc_workbook(5)))
    assert rejected.code == "file.macros"


def test_a_macro_enabled_content_type_alone_is_refused():
    book_type = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    data = fixtures.raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>', book_type=book_type)
    assert _rejection(data).code == "file.macros"


def test_an_excel_4_macro_sheet_is_refused():
    data = fixtures.raw_xlsx("", extra_parts={"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"})
    assert _rejection(data).code == "file.macros"


def test_a_zip_that_inflates_to_300_mb_is_suspicious():
    rejected = _rejection(fixtures.zip_of_zeros(300 * 1024 * 1024))
    assert (rejected.code, rejected.params["reason"]) == ("file.suspicious", "size")


def test_a_member_compressed_more_than_a_hundred_times_is_suspicious():
    rejected = _rejection(fixtures.zip_of_zeros(40 * 1024 * 1024))
    assert (rejected.code, rejected.params["reason"]) == ("file.suspicious", "ratio")


def test_a_member_lying_about_its_size_is_never_inflated_beyond_it():
    data = fixtures.zip_of_zeros(300 * 1024 * 1024, declared_size=1_000)
    assert _rejection(data).code == "file.unreadable"


def test_too_many_members_is_suspicious():
    data = _zip({f"xl/media/image{i}.png": b"" for i in range(2_001)})
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["reason"]) == ("file.suspicious", "members")


def test_a_declared_dimension_beyond_the_row_limit_is_suspicious():
    data = fixtures.raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1:I200000")
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["reason"]) == ("file.suspicious", "rows")


def test_a_cell_far_below_a_small_dimension_is_still_caught():
    far = MAX_ROWS + 1
    data = fixtures.raw_xlsx(f'<row r="{far}"><c r="A{far}"><v>1</v></c></row>')
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["rows"]) == ("file.suspicious", far)


def test_a_cell_beyond_the_column_limit_is_suspicious():
    beyond = column_letters(MAX_COLUMNS + 1)
    data = fixtures.raw_xlsx(
        f'<row r="1"><c r="A1"><v>1</v></c><c r="{beyond}1"><v>2</v></c></row>'
    )
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["columns"]) == ("file.suspicious", MAX_COLUMNS + 1)


def test_the_last_allowed_row_and_column_are_read():
    last = column_letters(MAX_COLUMNS)
    data = fixtures.raw_xlsx(f'<row r="{MAX_ROWS}"><c r="{last}{MAX_ROWS}"><v>2</v></c></row>')
    sheet = read_workbook(data).sheets[0]
    assert len(sheet.rows) == MAX_ROWS
    assert sheet.rows[-1][MAX_COLUMNS - 1] == 2.0


def test_implicit_cells_beyond_the_column_limit_are_suspicious():
    data = fixtures.raw_xlsx("<row>" + "<c><v>1</v></c>" * (MAX_COLUMNS + 1) + "</row>")
    assert _rejection(data).code == "file.suspicious"


def test_a_document_type_declaration_in_a_sheet_is_suspicious():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData/></worksheet>'
    )
    data = _sheet_xml(fixtures.mc_workbook(1), bomb)
    assert _rejection(data).code == "file.suspicious"


def test_a_zip_encrypted_member_is_encrypted():
    data = bytearray(fixtures.mc_workbook(1))
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # general purpose flag: encrypted
    assert _rejection(bytes(data)).code == "file.encrypted"


def test_a_plain_workbook_passes_every_guard():
    assert read_workbook(fixtures.mc_workbook(50)).sheets[0].rows[0][0] == (
        "MOIS CONCERNE (MM/AAAA)"
    )


def test_a_sheet_part_the_workbook_does_not_name_is_still_bounds_checked():
    far = MAX_ROWS + 1
    hidden = (
        f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="{far}"><c r="A{far}"><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    data = fixtures.raw_xlsx("", extra_parts={"xl/worksheets/sheet9.xml": hidden})
    assert _rejection(data).code == "file.suspicious"


def test_a_shared_strings_part_over_its_budget_is_suspicious_at_once():
    strings = b"<sst>" + b"<si><t>" + b"x" * (21 << 20) + b"</t></si></sst>"
    data = fixtures.raw_xlsx("", extra_parts={"xl/sharedStrings.xml": strings})
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["reason"]) == ("file.suspicious", "strings")


def test_two_members_of_one_name_are_suspicious():
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = fixtures.raw_xlsx("", extra_parts={"xl/worksheets/sheet1.xml": b"<worksheet/>"})
    rejected = _rejection(data)
    assert (rejected.code, rejected.params["reason"]) == ("file.suspicious", "members")
