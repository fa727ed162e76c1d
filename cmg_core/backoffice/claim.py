"""Claiming work: row locks that other workers skip, and a named lease for what has no row.

On PostgreSQL `claim` adds `FOR UPDATE SKIP LOCKED`, so each worker gets rows nobody else holds
until its transaction ends; SQLite ignores the clause (one worker there). A lease
(`sync:1002`) is a row of `leases` with an expiry; a lease whose holder process is dead on this
host, or whose time is up, can be taken over.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmg_core.db.models import Lease
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow

if TYPE_CHECKING:
    from cmg_core.backoffice.context import StageContext

T = TypeVar("T")
LEASE_TTL = timedelta(minutes=10)


def claim(session: Session, query: sa.Select[tuple[T]]) -> list[T]:
    """The rows of `query` locked for this transaction; rows locked by others are skipped."""
    return list(session.scalars(query.with_for_update(skip_locked=True)))


def claim_rows(session: Session, query: sa.Select) -> list[sa.Row]:
    """Like `claim`, for a query of columns: plain rows, no ORM objects to build."""
    return list(session.execute(query.with_for_update(skip_locked=True)))


def claim_in_batches(
    ctx: StageContext,
    to_do: Callable[[int], sa.Select],
    size: int,
    handle: Callable[[Session, list[sa.Row]], int],
) -> None:
    """Work through `to_do(after)` (a keyset query of rows with an `id`, in id order) in
    batches of `size`, each claimed with row locks in its own transaction.

    `handle(session, batch)` does the batch's work inside that transaction and returns how many
    items it finished; it gets only the rows still to do once locked (`_still_matching`), and is
    not called when none is. Progress and the checkpoint come after the commit.
    """
    with ctx.session() as session:
        ctx.total = session.scalar(sa.select(sa.func.count()).select_from(to_do(0).subquery()))
    after = 0
    while True:
        with ctx.session() as session:
            batch = claim_rows(session, to_do(after).limit(size))
            if not batch:
                return
            after = batch[-1].id
            query = to_do(0)
            still = _still_matching(
                session, query, query.selected_columns.id, [r.id for r in batch]
            )
            batch = [row for row in batch if row.id in still]
            finished = handle(session, batch) if batch else 0
        ctx.advance(finished)
        ctx.checkpoint()


def claim_one(session: Session, query: sa.Select[tuple[T]]) -> T | None:
    """The first entity of `query` locked for this transaction, or None; a row no longer
    matching once locked (`_still_matching`) is passed over."""
    key = _key(query)
    passed: list[Any] = []
    while True:
        rows = claim(session, (query.where(key.not_in(passed)) if passed else query).limit(1))
        if not rows:
            return None
        claimed = sa.inspect(rows[0]).identity[0]
        if _still_matching(session, query, key, [claimed]):
            return rows[0]
        passed.append(claimed)


def _still_matching(
    session: Session, query: sa.Select, key: sa.ColumnElement, claimed: list[Any]
) -> set[Any]:
    """The `key`s of `claimed` rows that `query` still selects, read afresh under their locks.

    PostgreSQL takes a statement's snapshot before its row locks: a row another worker finished
    and committed in between is locked all the same when its own columns did not change (a
    bilan sent is a new row of `bilans`, a processing result a new row of `processing_results`,
    not a change of the deposit or feed row), and would be done a second time.
    """
    fresh = query.with_only_columns(key).where(key.in_(claimed)).order_by(None)
    return set(session.scalars(fresh))


def _key(query: sa.Select) -> sa.ColumnElement:
    """The primary key column of the entity `query` selects."""
    (entity,) = query.column_descriptions
    (column,) = sa.inspect(entity["entity"]).primary_key
    return column


def _holder_is_dead(holder: str) -> bool:
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def acquire(url: str, name: str, holder: str, ttl: timedelta = LEASE_TTL) -> bool:
    """Take lease `name` for `holder`; False when someone alive holds it."""
    now = utcnow()
    try:
        with session_scope(url) as session:
            lease = session.get(Lease, name, with_for_update=True)
            if lease is None:
                session.add(Lease(name=name, holder=holder, acquired_at=now, expires_at=now + ttl))
                return True
            free = lease.holder == holder or lease.expires_at < now or _holder_is_dead(lease.holder)
            if not free:
                return False
            lease.holder, lease.acquired_at, lease.expires_at = holder, now, now + ttl
            return True
    except IntegrityError:  # another worker inserted it first
        return False


def release(url: str, name: str, holder: str) -> None:
    with session_scope(url) as session:
        session.execute(sa.delete(Lease).where(Lease.name == name, Lease.holder == holder))


@contextmanager
def lease(url: str, name: str, holder: str) -> Iterator[bool]:
    """`with lease(...) as held:` — the body runs either way; `held` says whether we own it."""
    held = acquire(url, name, holder)
    try:
        yield held
    finally:
        if held:
            release(url, name, holder)
