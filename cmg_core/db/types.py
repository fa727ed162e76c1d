"""Column types shared by every model: months, money, UTC timestamps and enums.

A month is stored as the sortable text `AAAA-MM` and read back as `cmg_core.values.Month`;
money is `Numeric(12, 2)` read as `Decimal`; timestamps are always timezone-aware UTC,
including on SQLite, which stores them without a zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from cmg_core.values import Month

MONEY = sa.Numeric(12, 2, asdecimal=True)
CENTS = Decimal("0.01")


def utcnow() -> datetime:
    return datetime.now(UTC)


def month_to_text(month: Month) -> str:
    """`Month(2026, 3)` → `'2026-03'` (the stored form)."""
    return month.iso


def month_from_text(text: str) -> Month:
    """`'2026-03'` → `Month(2026, 3)`."""
    year, _, month = text.partition("-")
    return Month(int(year), int(month))


class MonthType(TypeDecorator[Month]):
    """A `Month` stored as `AAAA-MM`, so that text order is calendar order."""

    impl = sa.String(7)
    cache_ok = True

    def process_bind_param(self, value: Month | str | None, dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):  # already in stored form, e.g. a literal in a filter
            return month_to_text(month_from_text(value))
        return month_to_text(value)

    def process_result_value(self, value: str | None, dialect) -> Month | None:
        return None if value is None else month_from_text(value)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp; naive values are refused rather than guessed."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone-aware value (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_type(enum: type[StrEnum], name: str) -> sa.Enum:
    """A portable enum: VARCHAR plus a named CHECK constraint, storing the members' values."""
    return sa.Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
