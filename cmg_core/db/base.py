"""The declarative base: one metadata with a naming convention, so that migrations name every
constraint and index the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cmg_core.db.types import UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Timestamps:
    """`created_at` / `updated_at`, set by the application in UTC."""

    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class Claimable:
    """A row of work a worker claims before slow or remote work (`cmg_core.backoffice.claim`):
    `claimed_by` names the worker (host:pid), `claimed_until` ends the claim unless the worker's
    heartbeat extends it. A row with no claim, or a claim past its time, is free."""

    claimed_by: Mapped[str | None] = mapped_column(sa.String(120))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
