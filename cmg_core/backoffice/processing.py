"""Stage 6, processing: apply each fed attestation against the referential, or queue it.

Per feed row (claimed by batches, one `ProcessingResult` per row), in this order:
allocataire unknown → `rejected`; not affiliated here → queue `not_affiliated`; record being
updated → `file_being_updated`; no known CMG claim with this partner → `cmg_claim_unknown`;
MC: a declared child sharing its birth date with a sibling → `twins`; a child the Caf does not
know → `child_not_found`; otherwise `applied`, and the end-of-care date, when every line has
one, ends the family's claim with this partner. A queued attestation gets one `QueueItem` per
reason (with its PDF) and a `created` event; a new version reopens a resolved item. The
deposit's lines take the outcome. Then each deposit whose lines are all decided is completed
(`absent`: children declared last month, not ended, missing now) and becomes `processed`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import absent
from cmg_core.backoffice.claim import claim
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.referential import Family, families
from cmg_core.db.enums import (
    AttestationState,
    LineOutcome,
    QueueAction,
    QueueReason,
    QueueStatus,
)
from cmg_core.db.models import (
    Attestation,
    CmgClaim,
    DepositLine,
    FeedRow,
    ProcessingResult,
    QueueEvent,
    QueueItem,
)
from cmg_core.values import Month

CHUNK = 500
_LINES = DepositLine.__table__
LINE_OUTCOME = (  # executed once per batch with every row's parameters (executemany)
    sa.update(_LINES)
    .where(_LINES.c.attestation_id == sa.bindparam("a"), _LINES.c.deposit_id == sa.bindparam("d"))
    .values(outcome=sa.bindparam("o"), reason=sa.bindparam("r"))
)
STATE_OF = {
    LineOutcome.APPLIED: AttestationState.PROCESSED,
    LineOutcome.QUEUED: AttestationState.QUEUED,
    LineOutcome.REJECTED: AttestationState.PROCESSED,
}


def _to_do(after: int = 0) -> sa.Select[tuple[FeedRow]]:
    """Feed rows without a result, after id `after` (keyset: the rows this worker has passed
    are done or held by another worker, so each batch does not re-scan them)."""
    done = sa.select(ProcessingResult.id).where(ProcessingResult.feed_row_id == FeedRow.id)
    return sa.select(FeedRow).where(FeedRow.id > after, ~done.exists()).order_by(FeedRow.id)


def run(ctx: StageContext) -> None:
    with ctx.session() as session:
        ctx.total = session.scalar(sa.select(sa.func.count()).select_from(_to_do().subquery()))
    after = 0
    while True:
        with ctx.session() as session:
            rows = claim(session, _to_do(after).limit(CHUNK))
            if not rows:
                break
            after = rows[-1].id
            known = families(session, (row.allocataire_number for row in rows))
            attestations = {
                a.id: a
                for a in session.scalars(
                    sa.select(Attestation).where(
                        Attestation.id.in_({r.attestation_id for r in rows})
                    )
                )
            }
            outcomes: list[dict[str, Any]] = []
            for row in rows:
                attestation = attestations[row.attestation_id]
                family = known.get(row.allocataire_number)
                outcomes += _process(ctx, session, row, attestation, family)
                ctx.checkpoint()
            if outcomes:
                session.execute(LINE_OUTCOME, outcomes)
        ctx.advance(len(rows))
        ctx.checkpoint()
    absent.complete_deposits(ctx)


def decide(
    payload: dict[str, Any], family: Family | None, partner_id: int
) -> tuple[LineOutcome, str | None]:
    """The outcome and reason of one attestation (see the module docstring for the order)."""
    if family is None:
        return LineOutcome.REJECTED, "allocataire_unknown"
    person = family.allocataire
    if not person.affiliated:
        return LineOutcome.QUEUED, QueueReason.NOT_AFFILIATED.value
    if person.record_locked:
        return LineOutcome.QUEUED, QueueReason.FILE_BEING_UPDATED.value
    claim_row = _claim(family, partner_id)
    if claim_row is None or not claim_row.known:
        return LineOutcome.QUEUED, QueueReason.CMG_CLAIM_UNKNOWN.value
    if payload["template"] == "MC":
        births = [_day(line["birth_date"]) for line in payload["lines"]]
        if any(family.same_birth_count(birth) > 1 for birth in births):
            return LineOutcome.QUEUED, QueueReason.TWINS.value
        for line in payload["lines"]:
            if family.child(line["child_first_name"], _day(line["birth_date"])) is None:
                return LineOutcome.QUEUED, QueueReason.CHILD_NOT_FOUND.value
    return LineOutcome.APPLIED, None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _claim(family: Family, partner_id: int) -> CmgClaim | None:
    for claim_row in family.allocataire.claims:
        if claim_row.partner_id == partner_id:
            return claim_row
    return None


def _process(
    ctx: StageContext,
    session: Session,
    row: FeedRow,
    attestation: Attestation,
    family: Family | None,
) -> list[dict[str, Any]]:
    """Record the result of one feed row; the outcome its deposit lines take (if current)."""
    outcome, reason = decide(row.payload, family, attestation.partner_id)
    details: dict[str, Any] = {"version": row.attestation_version}
    current = attestation.version == row.attestation_version  # an older version changes nothing
    if outcome is LineOutcome.APPLIED and current:
        details["end_of_care"] = _apply_end_of_care(family, attestation, row.payload)
    session.add(
        ProcessingResult(
            feed_row_id=row.id,
            attestation_id=attestation.id,
            run_id=ctx.run_id,
            outcome=outcome,
            reason=reason,
            details=details,
            processed_at=ctx.now,
        )
    )
    ctx.counts[f"{outcome.value}"] += 1
    if not current:
        return []
    attestation.state = STATE_OF[outcome]
    if outcome is LineOutcome.QUEUED:
        _queue(session, attestation, QueueReason(reason), ctx)
    return [{"a": attestation.id, "d": row.payload["deposit_id"], "o": outcome.value, "r": reason}]


def _apply_end_of_care(family: Family, attestation: Attestation, payload: dict) -> str | None:
    """When every declared line has an end-of-care date, the claim ends that month."""
    ends = [_day(line["end_date"]) for line in payload["lines"]]
    if not ends or any(end is None for end in ends):
        return None
    claim_row = _claim(family, attestation.partner_id)
    last = max(ends)
    claim_row.end_month = Month.of(last)
    return last.isoformat()


def _queue(
    session: Session, attestation: Attestation, reason: QueueReason, ctx: StageContext
) -> None:
    item = session.scalars(
        sa.select(QueueItem).where(
            QueueItem.attestation_id == attestation.id, QueueItem.reason == reason
        )
    ).one_or_none()
    if item is None:
        item = QueueItem(
            attestation_id=attestation.id,
            reason=reason,
            partner_id=attestation.partner_id,
            month=attestation.month,
            allocataire_number=attestation.allocataire_number,
            created_at=ctx.now,
        )
        session.add(item)
        action = QueueAction.CREATED
        ctx.counts["queue_items"] += 1
    elif item.status is QueueStatus.RESOLVED:
        item.status, item.outcome, item.resolved_at = QueueStatus.OPEN, None, None
        action = QueueAction.REOPENED
    else:
        action = None
    item.pdf_key = attestation.pdf_key
    session.flush()
    if action is not None:
        comment = (
            f"Version {attestation.version} de l'attestation"
            if action is QueueAction.REOPENED
            else None
        )
        session.add(QueueEvent(item_id=item.id, action=action, comment=comment, at=ctx.now))
