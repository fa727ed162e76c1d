"""Claiming work between workers: named leases (portable) and `SKIP LOCKED` row claims.

A lease (`sync:1002`) keeps a piece of work that has no row to lock to one worker at a time;
it expires, so a crashed worker never blocks the others for long. Rows of work are claimed
with `skip_locked(select(...))`: `FOR UPDATE SKIP LOCKED` on PostgreSQL, plain on SQLite, where
the database lock serialises writers anyway.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cmg_core.db.models import Lease
from cmg_core.db.types import utcnow

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def acquire(
    session: Session, name: str, holder: str, ttl: timedelta, *, now: datetime | None = None
) -> bool:
    """Take or renew the lease `name` for `holder`; False while another holder has it."""
    now = now or utcnow()
    insert = _INSERTS[session.get_bind().dialect.name]
    taken = session.execute(
        insert(Lease)
        .values(name=name, holder=holder, acquired_at=now, expires_at=now + ttl)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    if taken.rowcount == 1:
        return True
    renewed = session.execute(
        sa.update(Lease)
        .where(Lease.name == name, sa.or_(Lease.expires_at <= now, Lease.holder == holder))
        .values(holder=holder, acquired_at=now, expires_at=now + ttl)
    )
    return renewed.rowcount == 1


def release(session: Session, name: str, holder: str) -> None:
    """Give the lease back (only its holder can)."""
    session.execute(sa.delete(Lease).where(Lease.name == name, Lease.holder == holder))


def skip_locked(statement: sa.Select) -> sa.Select:
    """`statement` claiming its rows: locked ones are skipped, not waited for."""
    return statement.with_for_update(skip_locked=True)
