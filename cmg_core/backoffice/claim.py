"""Claiming work between workers — on one host or several — the one mechanism of the back office.

**Claims** (`take`, `lease`): a row of work (a DS dossier, a deposit) or a name without a row
(`sync:1002`, a row of `leases`) is claimed by a worker (`claimed_by`, host:pid) until a time
(`claimed_until`), in a transaction of its own committed *before* any slow or remote work —
every DS call included: no lock and no open transaction is held across one. The worker's
`Heartbeat` extends its claims (and its run row) while it works; a worker that stops (crash,
SIGKILL, lost host) stops extending them, and once `claimed_until` has passed anyone may take the
work over: expiry, not process ids, decides, so it works across hosts. The work's last
transaction `release`s the claim and fails (`ClaimLost`) if the claim was taken over meanwhile.
A worker name (host:pid, and the thread when not the main one) runs one stage at a time: the
claims under its name when a stage starts are leftovers of one it interrupted, and
`drop_leftovers` frees them.

**Short database-only work** (`claim_one`, `claim_rows`, `claim_in_batches`) claims its rows
for the length of one transaction with `FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite serialises
writers anyway): nothing slow or remote may run inside it.

Both re-read what they claimed with a fresh snapshot (`still_matching`): PostgreSQL takes a
statement's snapshot before its row locks, so a row another worker finished and committed in
between (a new row of `bilans`, not a change of the deposit row) still looks to do.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cmg_core.db.enums import RunStatus
from cmg_core.db.models import Deposit, DsDossier, Lease, OutboxMessage, Run
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow

if TYPE_CHECKING:
    from cmg_core.backoffice.context import StageContext

log = logging.getLogger(__name__)
T = TypeVar("T")
TTL = timedelta(minutes=2)  # a claim nobody extends is free again after this
CLAIMABLE = (DsDossier, Deposit, OutboxMessage, Lease)  # with claimed_by / claimed_until
STALE_RUN = "le processus qui l'exécutait a cessé de signaler son activité"
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class ClaimLost(Exception):
    """The claim expired and another worker took the work over: this one must not finish it."""


@dataclass(frozen=True)
class Claim:
    """`worker` holds the row `key` of `model` (an id, or a lease's name)."""

    model: type
    key: Any
    worker: str

    @property
    def _row(self) -> sa.ColumnElement[bool]:
        return _key(self.model) == self.key


def _key(model: type) -> sa.ColumnElement:
    (column,) = sa.inspect(model).primary_key
    return column


def _free(model: type, now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(model.claimed_until.is_(None), model.claimed_until < now)


def take(
    url: str, query: sa.Select, worker: str, *, ttl: timedelta = TTL, now: datetime | None = None
) -> Claim | None:
    """Claim the first row of `query` (a select of one claimable model, in the order to do
    them) that no live claim holds; committed when this returns. None when there is none.

    The claim is one UPDATE whose subquery picks the row (`SKIP LOCKED` on PostgreSQL, so
    contenders pick different rows; SQLite runs it under its write lock), then the claimed row
    is read again with a fresh snapshot: one no longer matching `query` is released and passed.
    """
    (entity,) = query.column_descriptions
    model = entity["entity"]
    key = _key(model)
    passed: list[Any] = []
    while True:
        moment = now or utcnow()
        pick = query.with_only_columns(key).where(_free(model, moment))
        if passed:
            pick = pick.where(key.not_in(passed))
        pick = pick.limit(1).with_for_update(skip_locked=True).scalar_subquery()
        with session_scope(url) as session:
            claimed = session.scalar(
                sa.update(model)
                .where(key == pick)
                .values(claimed_by=worker, claimed_until=moment + ttl)
                .returning(key)
            )
        if claimed is None:
            return None
        claim = Claim(model, claimed, worker)
        with session_scope(url) as session:
            if still_matching(session, query, key, [claimed]):
                return claim
        give_back(url, claim)
        passed.append(claimed)


def release(session: Session, claim: Claim) -> None:
    """End `claim` in the work's last transaction; `ClaimLost` (which rolls that transaction
    back) when another worker took it over meanwhile."""
    done = session.execute(
        sa.update(claim.model)
        .where(claim._row, claim.model.claimed_by == claim.worker)
        .values(claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise ClaimLost(f"{claim.model.__tablename__} {claim.key}")


def renew(session: Session, claim: Claim, ttl: timedelta = TTL) -> None:
    """Extend `claim` inside a transaction that writes the work's results: on PostgreSQL it
    also locks the claimed row until that transaction ends, so a concurrent change of the row
    waits for it. `ClaimLost` when another worker took the claim over."""
    done = session.execute(
        sa.update(claim.model)
        .where(claim._row, claim.model.claimed_by == claim.worker)
        .values(claimed_until=utcnow() + ttl)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise ClaimLost(f"{claim.model.__tablename__} {claim.key}")


def give_back(url: str, claim: Claim) -> None:
    """Release `claim` in a transaction of its own (after a failure); a lost claim is left."""
    with session_scope(url) as session:
        session.execute(
            sa.update(claim.model)
            .where(claim._row, claim.model.claimed_by == claim.worker)
            .values(claimed_by=None, claimed_until=None)
        )


def take_name(
    url: str, name: str, worker: str, *, ttl: timedelta = TTL, now: datetime | None = None
) -> Claim | None:
    """Claim the lease `name` (a row of `leases`, made on first use); None while it is held."""
    with session_scope(url) as session:
        insert = _INSERTS[session.get_bind().dialect.name]
        session.execute(insert(Lease).values(name=name).on_conflict_do_nothing())
    return take(url, sa.select(Lease).where(Lease.name == name), worker, ttl=ttl, now=now)


@contextmanager
def lease(url: str, name: str, worker: str, *, ttl: timedelta = TTL) -> Iterator[bool]:
    """`with lease(...) as held:` — the body runs either way; `held` says whether we own it."""
    claim = take_name(url, name, worker, ttl=ttl)
    try:
        yield claim is not None
    finally:
        if claim is not None:
            give_back(url, claim)


def drop_leftovers(url: str, worker: str) -> int:
    """Free every claim `worker` holds (at the start of a stage: those of one it interrupted)."""
    with session_scope(url) as session:
        return sum(
            session.execute(
                sa.update(model)
                .where(model.claimed_by == worker)
                .values(claimed_by=None, claimed_until=None)
            ).rowcount
            for model in CLAIMABLE
        )


def extend(url: str, worker: str, *, ttl: timedelta = TTL, now: datetime | None = None) -> int:
    """One heartbeat: every claim `worker` holds, and its running runs, last `ttl` from now.
    How many rows it extended."""
    until = (now or utcnow()) + ttl
    extended = 0
    with session_scope(url) as session:
        for model in CLAIMABLE:
            extended += session.execute(
                sa.update(model).where(model.claimed_by == worker).values(claimed_until=until)
            ).rowcount
        extended += session.execute(
            sa.update(Run)
            .where(Run.worker == worker, Run.status == RunStatus.RUNNING)
            .values(claimed_until=until)
        ).rowcount
    return extended


def close_stale_runs(url: str, *, now: datetime | None = None) -> int:
    """Close as failed every running run whose worker stopped its heartbeat; how many."""
    now = now or utcnow()
    with session_scope(url) as session:
        return session.execute(
            sa.update(Run)
            .where(
                Run.status == RunStatus.RUNNING,
                sa.or_(Run.claimed_until.is_(None), Run.claimed_until < now),
            )
            .values(status=RunStatus.FAILED, finished_at=now, error=STALE_RUN)
        ).rowcount


class Heartbeat:
    """`with Heartbeat(url, worker, ttl):` — a thread that `extend`s the worker's claims and
    runs every quarter of `ttl` while the block runs (long DS calls and rendering included)."""

    def __init__(self, url: str, worker: str, ttl: timedelta = TTL) -> None:
        self.url, self.worker, self.ttl = url, worker, ttl
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat {worker}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self.ttl.total_seconds() / 4):
            try:
                extend(self.url, self.worker, ttl=self.ttl)
            except sa.exc.SQLAlchemyError as error:  # the next beat tries again
                log.warning("heartbeat of %s failed: %s", self.worker, type(error).__name__)


# -- short database-only work: row locks for one transaction ---------------------------------


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
    items it finished; it gets only the rows still to do once locked (`still_matching`), and is
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
            still = still_matching(session, query, query.selected_columns.id, [r.id for r in batch])
            batch = [row for row in batch if row.id in still]
            finished = handle(session, batch) if batch else 0
        ctx.advance(finished)
        ctx.checkpoint()


def claim_one(session: Session, query: sa.Select[tuple[T]]) -> T | None:
    """The first entity of `query` locked for this transaction, or None; a row no longer
    matching once locked (`still_matching`) is passed over."""
    key = _entity_key(query)
    passed: list[Any] = []
    while True:
        rows = claim(session, (query.where(key.not_in(passed)) if passed else query).limit(1))
        if not rows:
            return None
        claimed = sa.inspect(rows[0]).identity[0]
        if still_matching(session, query, key, [claimed]):
            return rows[0]
        passed.append(claimed)


def still_matching(
    session: Session, query: sa.Select, key: sa.ColumnElement, claimed: list[Any]
) -> set[Any]:
    """The `key`s of `claimed` rows that `query` still selects, read with a fresh snapshot."""
    fresh = query.with_only_columns(key).where(key.in_(claimed)).order_by(None)
    return set(session.scalars(fresh))


def _entity_key(query: sa.Select) -> sa.ColumnElement:
    """The primary key column of the entity `query` selects."""
    (entity,) = query.column_descriptions
    return _key(entity["entity"])
