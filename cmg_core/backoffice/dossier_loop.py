"""The loop habilitations and intake share: claim one pending dossier at a time and handle it
in its own transaction; a DS failure marks the dossier failed (retried next run) and the loop
goes on with the next one."""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmg_core.backoffice.claim import claim_one
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.ds_actions import Seen
from cmg_core.db.enums import DossierStatus
from cmg_core.db.models import DsDossier
from cmg_core.ds import DSError

log = logging.getLogger(__name__)
Handler = Callable[[StageContext, Session, DsDossier], None]


def _pending(numbers: tuple[int, ...], skipped: set[int]) -> sa.Select[tuple[DsDossier]]:
    query = sa.select(DsDossier).where(
        DsDossier.demarche_number.in_(numbers), DsDossier.status != DossierStatus.DONE
    )
    if skipped:
        query = query.where(DsDossier.id.not_in(skipped))
    return query.order_by(DsDossier.ds_updated_at, DsDossier.id)


def count_pending(ctx: StageContext, numbers: tuple[int, ...]) -> int:
    with ctx.session() as session:
        return session.scalar(
            sa.select(sa.func.count()).select_from(_pending(numbers, set()).subquery())
        )


def process_dossiers(ctx: StageContext, numbers: tuple[int, ...], handle: Handler) -> None:
    """Handle every pending or failed dossier of démarches `numbers`, one transaction each."""
    ctx.total = count_pending(ctx, numbers)
    while True:
        with ctx.session() as session:
            dossier = claim_one(session, _pending(numbers, ctx.skipped))
            if dossier is None:
                return
            try:
                with session.begin_nested():
                    handle(ctx, session, dossier)
            except (DSError, IntegrityError) as error:  # DS down; a concurrent deposit
                ctx.skipped.add(dossier.id)
                ctx.fail(f"dossier {dossier.number}", error)
                log.warning("dossier %s: %s", dossier.number, type(error).__name__)
                dossier.status = DossierStatus.FAILED
                dossier.attempts += 1
                operation = getattr(error, "operation", "base de données")
                dossier.last_error = f"{operation}: {type(error).__name__}"
        ctx.advance()
        ctx.checkpoint()


def mark_done(
    ctx: StageContext, dossier: DsDossier, decision: str, motivation: str | None, seen: Seen
) -> None:
    """The dossier is handled for its current version (our own DS changes included)."""
    ctx.checkpoint()  # DS has acted, the database not yet: the hardest place to stop
    dossier.status = DossierStatus.DONE
    dossier.decision = decision
    dossier.motivation = motivation
    record_seen(dossier, seen)
    dossier.processed_at = ctx.now
    dossier.last_error = None
    ctx.counts[decision] += 1


def record_seen(dossier: DsDossier, seen: Seen) -> None:
    """Keep the DS state and date our own action left, so sync does not take it for news."""
    state, version = seen
    if version >= dossier.ds_updated_at:
        dossier.state, dossier.ds_updated_at = state.value, version
    dossier.processed_version = max(version, dossier.processed_version or version)
