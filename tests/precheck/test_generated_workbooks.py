"""Generated workbooks with random cells never make the pre-check raise, and every finding is
a catalogued code, in French, at a row that exists in the sheet."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmg_core import templates
from cmg_core.precheck.catalogue import CATALOGUE
from tests.precheck.helpers import check
from tests.precheck.workbooks import workbook

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(["10/2026", "0123456", "1234567A", "Léa", "14/03/2023", "12,50", "#N/A"]),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["=1+1", "=A1", "=1/0"]),
)
HEADERS = st.one_of(
    st.just(list(templates.MC.headers)),
    st.just(list(templates.GAD.headers)),
    st.permutations(list(templates.MC.headers)),
    st.lists(st.one_of(st.sampled_from(templates.MC.headers), TEXT), max_size=11),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headers=HEADERS,
    rows=st.lists(st.lists(CELL, max_size=11), max_size=8),
    guidance=st.booleans(),
    expected=st.sampled_from([None, "MC", "GAD"]),
)
def test_random_workbooks_never_raise_and_give_well_formed_findings(
    headers, rows, guidance, expected
):
    report = check(workbook(rows, headers=headers, guidance=guidance), template=expected)
    last_row = 1 + int(guidance) + len(rows)
    for finding in report.findings:
        assert finding.code in CATALOGUE
        assert finding.severity is CATALOGUE[finding.code].severity
        assert finding.message.strip() and finding.hint.strip()
        assert finding.row is None or 1 <= finding.row <= last_row
        assert finding.column is None or finding.column.isalpha()
    assert report.valid == (report.counts["error"] == 0)
    assert report.rows == len(report.lines) or not report.lines
