"""Whatever the cells hold, reading returns a workbook or refuses it: never another exception."""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmg_core.workbook.reader import WorkbookRejected, read_workbook
from tests.workbook import fixtures

_FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell_values = st.one_of(
    st.none(),
    st.text(max_size=30).filter(lambda t: not t.startswith("=")),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(["=1+1", "=A1*2", "=SUM(A1:B2)", "=1/0"]),
)


@_FAST
@given(st.lists(st.lists(cell_values, max_size=8), max_size=12))
def test_workbooks_with_random_cell_types_read_with_their_kinds(rows):
    cleaned = [[_storable(v) for v in row] for row in rows]
    sheet = read_workbook(fixtures.xlsx(cleaned)).sheets[0]
    for r, row in enumerate(cleaned):
        for c, value in enumerate(row):
            if value is None:
                continue
            read = sheet.rows[r][c]
            if isinstance(value, str) and value.startswith("="):
                assert (r + 1, c + 1) in sheet.formulas_without_value
            elif isinstance(value, bool):
                assert read is value
            elif isinstance(value, int | float):
                assert isinstance(read, float | int) and not isinstance(read, bool)
            elif isinstance(value, date):
                assert isinstance(read, date)


def _storable(value: object) -> object:
    # openpyxl refuses control characters; Excel cannot hold them either.
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n") or None
    return value


xml_cells = st.lists(
    st.tuples(
        st.sampled_from(["", "A", "B", "AX", "ZZ", "A0"]),
        st.integers(0, 100_001),
        st.sampled_from([None, "s", "str", "inlineStr", "b", "e", "n", "d", "x"]),
        st.one_of(st.none(), st.text(max_size=12)),
        st.booleans(),
    ),
    max_size=10,
)


@_FAST
@given(xml_cells)
def test_hand_written_sheets_with_odd_cells_never_crash_the_reader(cells):
    xml = "".join(_cell(*cell) for cell in cells)
    try:
        workbook = read_workbook(fixtures.raw_xlsx(f"<row>{xml}</row>"))
    except WorkbookRejected as rejected:
        assert rejected.code in {"file.unreadable", "file.suspicious"}
    else:
        assert len(workbook.sheets) == 1


def _cell(column: str, row: int, kind: str | None, value: str | None, formula: bool) -> str:
    ref = f' r="{column}{row}"' if column else ""
    typ = f' t="{kind}"' if kind else ""
    body = "<f>1+1</f>" if formula else ""
    if value is not None:
        body += f"<v>{escape(_xml_text(value))}</v>"
    return f"<c{ref}{typ}>{body}</c>"


def _xml_text(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n" or " " <= ch <= "\ud7ff")


@_FAST
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_randomly_damaged_workbooks_are_read_or_refused(flips):
    data = bytearray(fixtures.raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>'))
    for position, byte in flips:
        data[position % len(data)] = byte
    try:
        read_workbook(bytes(data))
    except WorkbookRejected as rejected:
        assert rejected.code.startswith("file.")
