"""The loop habilitations and intake share: claim one pending dossier at a time (`claim.take`,
committed before any DS call) and hand it to the stage, which works in short transactions with
its DS calls between them; `finish` records the decision and releases the claim in the last
one. A DS failure marks the dossier failed (retried next run) and the loop goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from cmg_core.backoffice.claim import Claim, ClaimLost, release, take
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.ds_actions import Seen
from cmg_core.db.enums import DossierStatus
from cmg_core.db.models import DsDossier
from cmg_core.ds import DSError

log = logging.getLogger(__name__)
Handler = Callable[[StageContext, Claim, DsDossier], None]  # the dossier as claimed


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
    """Handle every pending or failed dossier of démarches `numbers`, one claim each."""
    ctx.total = count_pending(ctx, numbers)
    while True:
        claim = take(ctx.url, _pending(numbers, ctx.skipped), ctx.worker, ttl=ctx.claim_ttl)
        if claim is None:
            return
        with ctx.session() as session:
            dossier = session.get(DsDossier, claim.key)
        try:
            handle(ctx, claim, dossier)
        except (DSError, IntegrityError) as error:  # DS down; a concurrent deposit
            ctx.skipped.add(dossier.id)
            ctx.fail(f"dossier {dossier.number}", error)
            log.warning("dossier %s: %s", dossier.number, type(error).__name__)
            _mark_failed(ctx, claim, getattr(error, "operation", "base de données"), error)
        except ClaimLost:  # stalled past the claim's time: another worker has the dossier
            ctx.skipped.add(dossier.id)
            log.warning("dossier %s: claim lost", dossier.number)
        ctx.advance()
        ctx.checkpoint()


def _mark_failed(ctx: StageContext, claim: Claim, operation: str, error: Exception) -> None:
    try:
        with ctx.session() as session:
            dossier = session.get(DsDossier, claim.key)
            dossier.status = DossierStatus.FAILED
            dossier.attempts += 1
            dossier.last_error = f"{operation}: {type(error).__name__}"
            release(session, claim)
    except ClaimLost:
        log.warning("dossier %s: claim lost", claim.key)


def finish(
    ctx: StageContext, claim: Claim, decision: str, motivation: str | None, seen: Seen
) -> None:
    """The dossier is handled for its current version (our own DS changes included): recorded
    and its claim released in one transaction."""
    ctx.checkpoint()  # DS has acted, the database not yet: the hardest place to stop
    with ctx.session() as session:
        dossier = session.get(DsDossier, claim.key)
        dossier.decision = decision
        dossier.motivation = motivation
        record_seen(dossier, seen)
        # sync may have stored a newer version of the dossier meanwhile: it stays to do
        newer = dossier.ds_updated_at > dossier.processed_version
        dossier.status = DossierStatus.PENDING if newer else DossierStatus.DONE
        dossier.processed_at = ctx.now
        dossier.last_error = None
        release(session, claim)
    ctx.counts[decision] += 1


def record_seen(dossier: DsDossier, seen: Seen) -> None:
    """Keep the DS state and date our own action left, so sync does not take it for news."""
    state, version = seen
    if version >= dossier.ds_updated_at:
        dossier.state, dossier.ds_updated_at = state.value, version
    dossier.processed_version = max(version, dossier.processed_version or version)
