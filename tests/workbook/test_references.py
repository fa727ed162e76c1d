"""One strict reading of every reference: `[A-Z]{1,3}` then row digits, compared as integers."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmg_core.workbook import references
from cmg_core.workbook.budgets import MAX_COLUMNS, MAX_ROW
from cmg_core.workbook.reader import read_workbook
from cmg_core.workbook.rejected import WorkbookRejected
from tests.workbook import fixtures, hostile

LAST = references.column_letters(MAX_COLUMNS)
BEYOND = references.column_letters(MAX_COLUMNS + 1)


@pytest.mark.parametrize(
    ("reference", "position"),
    [("A1", (1, 1)), ("I5001", (5001, 9)), (f"{LAST}{MAX_ROW}", (MAX_ROW, MAX_COLUMNS))],
)
def test_a_canonical_reference_within_budget_is_read(reference, position):
    assert references.cell(reference) == position


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("xfd1048576", "reference"),  # lower case
        ("a1", "reference"),
        ("AX00001048576", "reference"),  # zero padding
        ("A01", "reference"),
        ("A0", "reference"),
        ("$A$1", "reference"),
        ("A 1", "reference"),
        ("AAAA1", "reference"),
        ("A12345678", "reference"),  # more row digits than any sheet has
        ("", "reference"),
        ("1", "reference"),
        (f"{BEYOND}1", "columns"),
        (f"A{MAX_ROW + 1}", "rows"),
        ("XFD1048576", "rows"),
    ],
)
def test_any_other_reference_is_suspicious(reference, reason):
    with pytest.raises(WorkbookRejected) as refused:
        references.cell(reference)
    assert (refused.value.code, refused.value.params["reason"]) == ("file.suspicious", reason)


@pytest.mark.parametrize("number", ["0", "007", "-1", "1e3", " 5", str(MAX_ROW + 1)])
def test_a_row_number_is_read_as_strictly(number):
    with pytest.raises(WorkbookRejected):
        references.row(number)


def test_the_budget_patterns_are_those_of_the_budgets():
    assert references._columns_up_to(64) == b"(?:[A-Z]|A[A-Z]|B[A-L])"
    assert references._columns_up_to(26) == b"(?:[A-Z])"
    assert references._numbers_up_to(50_020) == b"(?:[1-9][0-9]{0,3}|[1-4][0-9]{4})"
    assert references._numbers_up_to(99_999) == b"(?:[1-9][0-9]{0,3}|[1-9][0-9]{4})"


REFERENCE_TEXT = st.text(alphabet="ABKLMXZabx0159$: '&;#", max_size=12)


@settings(max_examples=300, deadline=None)
@given(REFERENCE_TEXT, st.sampled_from(["r", "ref"]), st.sampled_from(['"', "'"]))
def test_the_fast_scan_lets_through_only_what_the_strict_functions_accept(value, name, quote):
    """Whatever the value, `check_part` agrees with the strict function of the attribute."""
    xml = f"<c {name}={quote}{value}{quote}/>".encode()
    strict = references.area if name == "ref" else references.cell
    if name == "r" and value[:1].isdigit():
        strict = references.row
    try:
        strict(value)
        expected = None
    except WorkbookRejected as refused:
        expected = refused.code
    try:
        references.check_part(xml)
        found = None
    except WorkbookRejected as refused:
        found = refused.code
    if quote in value:
        return  # the attribute ends earlier than the value: another text was read
    assert found == expected


def test_every_reference_of_a_whole_sheet_is_read_in_milliseconds():
    rows = "".join(hostile._data_row(row) for row in range(2, 5_002))
    xml = rows.encode()
    started = time.perf_counter()
    references.check_part(xml)
    assert time.perf_counter() - started < 0.5  # ≈ 10 ms on a quiet machine; a wide margin


def test_a_quoted_text_in_a_cell_is_not_taken_for_an_attribute():
    xml = b'<c r="A1" t="inlineStr"><is><t>voir r="xfd1048576"</t></is></c>'
    references.check_part(xml)


@pytest.mark.parametrize(
    "sheet_data",
    [
        "<row r='1'><c r='xfd1048576'><v>1</v></c></row>",  # single quotes
        '<row r="1"><c r = "XFD1048576"><v>1</v></c></row>',  # spaces around =
        '<row r="1"><c r="&#88;FD1048576"><v>1</v></c></row>',  # a character reference
        '<row r="01048576"><c><v>1</v></c></row>',  # a padded row, cells without r
        '<row r="1"><c r="A1"><f t="shared" ref="A1:XFD1048576" si="0">1</f><v>1</v></c></row>',
    ],
    ids=["single quotes", "spaces", "entity", "padded row", "shared formula range"],
)
def test_a_reference_written_any_other_way_is_refused_before_reading(sheet_data):
    with pytest.raises(WorkbookRejected) as refused:
        read_workbook(fixtures.raw_xlsx(sheet_data))
    assert refused.value.code == "file.suspicious"


@pytest.mark.parametrize(
    "element",
    [
        '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        '<hyperlinks><hyperlink ref="A1:XFD1048576" display="x"/></hyperlinks>',
    ],
    ids=["merged cells", "hyperlink"],
)
def test_merged_cells_and_hyperlinks_beyond_the_budget_are_refused(element):
    # openpyxl (the annotated and corrected copies) makes one object per cell of such ranges
    sheet = fixtures.raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>')
    part = _sheet_part(sheet).replace(b"</sheetData>", b"</sheetData>" + element.encode())
    with pytest.raises(WorkbookRejected) as refused:
        read_workbook(fixtures.with_part(sheet, "xl/worksheets/sheet1.xml", part))
    assert refused.value.code == "file.suspicious"


def test_a_comment_anchored_beyond_the_budget_is_refused():
    comments = (
        b'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<authors><author>x</author></authors><commentList>"
        b'<comment ref="A1:XFD1048576" authorId="0"><text><t>x</t></text></comment>'
        b"</commentList></comments>"
    )
    data = fixtures.with_part(fixtures.mc_workbook(2), "xl/comments/comment1.xml", comments)
    with pytest.raises(WorkbookRejected) as refused:
        read_workbook(data)
    assert refused.value.code == "file.suspicious"


@pytest.mark.parametrize("name", ["lowercase reference", "zero-padded reference"])
def test_the_far_references_of_the_attack_are_refused_at_once(name):
    started = time.perf_counter()
    with pytest.raises(WorkbookRejected) as refused:
        read_workbook(hostile.BUILDERS[name]())
    assert refused.value.code == "file.suspicious"
    assert time.perf_counter() - started < 1


def _sheet_part(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
