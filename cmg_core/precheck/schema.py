"""Numeric cell checks declared once with pandera, and the one adapter back to findings.

The schema is derived from `templates.py`: every hours column must hold whole numbers ≥ 0, the
amount a number ≥ 0 with at most two decimals. Cells are parsed to floats first (`cells.py`);
the frame is indexed by Excel row so each failure case names its cell. Checks are disjoint (a
negative number is not also reported as a decimal), so one cell gives at most one failure.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cmg_core import templates
from cmg_core.templates import Kind, Template, TemplateCode

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

# pandas and pandera are imported on the first check, not with the package: every command of
# the CLI and the workbook layer import the pre-check's report, and would pay ~0.6 s for them.

CENT_TOLERANCE = 1e-6  # a formula's binary noise (11.000000000000002) is still 11,00 €


def _not_negative(series: pd.Series) -> pd.Series:
    return series.isna() | (series >= 0)


def _whole(series: pd.Series) -> pd.Series:
    return series.isna() | (series < 0) | (series % 1 == 0)


def _cents(series: pd.Series) -> pd.Series:
    cents = series * 100
    return series.isna() | (series < 0) | ((cents - cents.round()).abs() < CENT_TOLERANCE)


@functools.cache
def numeric_schema(code: TemplateCode) -> pa.DataFrameSchema:
    """The template's numeric columns and their checks; check names are the hint causes."""
    import pandera.pandas as pa

    whole = [pa.Check(_not_negative, name="negative"), pa.Check(_whole, name="decimal")]
    cents = [pa.Check(_not_negative, name="negative"), pa.Check(_cents, name="decimals")]
    checks = {Kind.HOURS: whole, Kind.SPECIAL_HOURS: whole, Kind.AMOUNT: cents}
    return pa.DataFrameSchema(
        {
            column.key: pa.Column(float, checks[column.kind], nullable=True)
            for column in templates.get(code).columns
            if column.kind in checks
        }
    )


@dataclass(frozen=True)
class Failure:
    """One cell the schema refused: its Excel row, column key, the cause and the number."""

    row: int
    key: str
    cause: str
    number: float


def numeric_failures(
    template: Template, rows: list[int], numbers: dict[str, list[float | None]]
) -> list[Failure]:
    """Validate the parsed numbers (None where unreadable) lazily; every failure, in row order."""
    import pandas as pd
    from pandera.errors import SchemaErrors

    schema = numeric_schema(template.code)
    frame = pd.DataFrame(
        {key: pd.array(numbers[key], dtype="float64") for key in schema.columns},
        index=pd.Index(rows, dtype="int64"),
    )
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return failures_from(errors.failure_cases)
    return []


def failures_from(cases: pd.DataFrame) -> list[Failure]:
    """The adapter: pandera's failure-case table -> failures keyed by Excel row and column."""
    failures = [
        Failure(int(index), str(column), str(check), float(case))
        for column, check, index, case in zip(
            cases["column"], cases["check"], cases["index"], cases["failure_case"], strict=True
        )
    ]
    failures.sort(key=lambda f: f.row)
    return failures
