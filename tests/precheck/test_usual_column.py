"""The quick pass over a usual column gives exactly what the cell-by-cell parsers give."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cmg_core.precheck.cells import PARSERS
from cmg_core.precheck.lines import _usual_column
from cmg_core.templates import Kind

NUMBERS = st.one_of(
    st.floats(min_value=-10, max_value=1e13),
    st.sampled_from([float("nan"), float("inf")]),
    st.integers(0, 10**6).map(lambda cents: cents / 100),  # amounts as Excel stores them
    st.integers(0, 500).map(float),
)
CELLS = {
    Kind.HOURS: NUMBERS,
    Kind.SPECIAL_HOURS: NUMBERS,
    Kind.AMOUNT: NUMBERS,
    Kind.ALLOCATAIRE: st.one_of(st.text(max_size=9), st.from_regex(r"\d{7}", fullmatch=True)),
    Kind.BIRTH_DATE: st.one_of(st.dates(), st.text(max_size=3)),
}


@given(st.sampled_from(sorted(CELLS)).flatmap(lambda k: st.tuples(st.just(k), st.lists(CELLS[k]))))
def test_a_usual_column_reads_as_the_parsers_read_each_cell(kind_and_cells):
    kind, raw = kind_and_cells
    quick = _usual_column(kind, raw)
    if quick is not None:
        assert quick == [PARSERS[kind](value) for value in raw]


def test_a_column_of_usual_cells_takes_the_quick_pass():
    assert _usual_column(Kind.AMOUNT, [960.5, 0.1 + 0.2, 12.0]) is not None
    assert _usual_column(Kind.HOURS, [120.0, 0.0]) == [120, 0]
    assert _usual_column(Kind.BIRTH_DATE, [date(2023, 3, 14)]) == [date(2023, 3, 14)]
    assert _usual_column(Kind.HOURS, [120.0, 12.5]) is None  # one decimal: cell by cell
