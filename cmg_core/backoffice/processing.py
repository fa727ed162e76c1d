"""Stage 6, processing: apply each fed attestation against the referential, or queue it.

Per feed row (claimed by batches, one `ProcessingResult` per row), in this order:
allocataire unknown → `rejected`; not affiliated here → queue `not_affiliated`; record being
updated → `file_being_updated`; no known CMG claim with this partner → `cmg_claim_unknown`;
MC: a declared child sharing its birth date with a sibling → `twins`; a child the Caf does not
know → `child_not_found`; otherwise `applied`, and the end-of-care date, when every line has
one, ends the family's claim with this partner (`end_of_care`: what an earlier version of the
attestation ended is undone first). A queued attestation gets one `QueueItem` per
reason (with its PDF) and a `created` event; a new version reopens a resolved item, and
closes (`no_action`, with an event saying the structure's correction replaced it) the items
still open for a reason it no longer has. The deposit's lines take the outcome. Results,
states and outcomes are written by executemany per batch, the queue flushed once. Then each
deposit whose lines are all decided is completed (`absent`: children declared last month, not
ended, missing now) and becomes `processed`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import absent, end_of_care, texts
from cmg_core.backoffice.caf_families import Claim, Family, families
from cmg_core.backoffice.claim import claim_in_batches
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.feed_record import FeedRecord
from cmg_core.backoffice.withdrawal import close_item
from cmg_core.db.enums import (
    AttestationState,
    LineOutcome,
    QueueAction,
    QueueReason,
    QueueStatus,
    RejectionReason,
)
from cmg_core.db.models import (
    Attestation,
    DepositLine,
    FeedRow,
    ProcessingResult,
    QueueEvent,
    QueueItem,
)
from cmg_core.templates import TemplateCode
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


_RESULTS = ProcessingResult.__table__
_ATTESTATIONS = Attestation.__table__
_ROWS = FeedRow.__table__
SET_STATE = sa.update(_ATTESTATIONS).where(_ATTESTATIONS.c.id == sa.bindparam("b_id"))


def _to_do(after: int = 0) -> sa.Select:
    """Feed rows without a result, after id `after` (keyset: the rows this worker has passed
    are done or held by another worker, so each batch does not re-scan them)."""
    done = sa.select(_RESULTS.c.id).where(_RESULTS.c.feed_row_id == _ROWS.c.id)
    return (
        sa.select(
            _ROWS.c.id,
            _ROWS.c.attestation_id,
            _ROWS.c.attestation_version,
            _ROWS.c.allocataire_number,
            _ROWS.c.payload,
        )
        .where(_ROWS.c.id > after, ~done.exists())
        .order_by(_ROWS.c.id)
    )


def run(ctx: StageContext) -> None:
    claim_in_batches(ctx, _to_do, CHUNK, lambda session, rows: _process_batch(ctx, session, rows))
    absent.complete_deposits(ctx)


def _process_batch(ctx: StageContext, session: Session, rows: list[sa.Row]) -> int:
    """One transaction: results, states and line outcomes written by executemany, the queue
    items of the batch loaded once and flushed once."""
    known = families(session, (row.allocataire_number for row in rows))
    ids = {row.attestation_id for row in rows}
    # Locked (PostgreSQL; in id order, so two workers cannot deadlock): a correction filing a
    # new version, or withdrawing the attestation, waits for this batch or is seen by it —
    # never overwritten with the outcome of the version it replaced.
    attestations = {
        a.id: a
        for a in session.execute(
            sa.select(
                _ATTESTATIONS.c.id,
                _ATTESTATIONS.c.version,
                _ATTESTATIONS.c.partner_id,
                _ATTESTATIONS.c.month,
                _ATTESTATIONS.c.allocataire_number,
                _ATTESTATIONS.c.pdf_key,
                *end_of_care.COLUMNS,
            )
            .where(_ATTESTATIONS.c.id.in_(ids))
            .order_by(_ATTESTATIONS.c.id)
            .with_for_update()
        )
    }
    queue = Queue(session, ctx, ids)
    results: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    outcomes: list[dict[str, Any]] = []
    ends = end_of_care.Changes()
    for row in rows:
        attestation = attestations[row.attestation_id]
        family = known.get(row.allocataire_number)
        record = FeedRecord.from_json(row.payload)
        outcome, reason = decide(record, family, attestation.partner_id)
        details: dict[str, Any] = {"version": row.attestation_version}
        current = attestation.version == row.attestation_version  # an older one changes nothing
        if current:
            ends.undo(attestation)
            if outcome is LineOutcome.APPLIED:
                end = _end_of_care(family, attestation.partner_id, record)
                details["end_of_care"] = end and end.day.isoformat()
                if end is not None:
                    ends.end(attestation.id, end.claim.id, Month.of(end.day), end.claim.end_month)
        results.append({"feed_row_id": row.id, "attestation_id": attestation.id,
                        "run_id": ctx.run_id, "outcome": outcome, "reason": reason,
                        "details": details, "processed_at": ctx.now})  # fmt: skip
        ctx.counts[f"{outcome.value}"] += 1
        if current:
            states.append({"b_id": attestation.id, "state": STATE_OF[outcome]})
            queue.settle(
                attestation, QueueReason(reason) if outcome is LineOutcome.QUEUED else None
            )
            outcomes.append({"a": attestation.id, "d": record.deposit_id,
                             "o": outcome.value, "r": reason})  # fmt: skip
        ctx.checkpoint()
    session.execute(sa.insert(_RESULTS), results)
    if states:
        session.execute(SET_STATE, states)
        session.execute(LINE_OUTCOME, outcomes)
    ends.write(session)
    queue.flush()
    return len(rows)


def decide(
    record: FeedRecord, family: Family | None, partner_id: int
) -> tuple[LineOutcome, str | None]:
    """The outcome and reason of one attestation (see the module docstring for the order)."""
    if family is None:
        return LineOutcome.REJECTED, RejectionReason.ALLOCATAIRE_UNKNOWN.value
    person = family.allocataire
    if not person.affiliated:
        return LineOutcome.QUEUED, QueueReason.NOT_AFFILIATED.value
    if person.record_locked:
        return LineOutcome.QUEUED, QueueReason.FILE_BEING_UPDATED.value
    claim_row = _claim(family, partner_id)
    if claim_row is None or not claim_row.known:
        return LineOutcome.QUEUED, QueueReason.CMG_CLAIM_UNKNOWN.value
    if record.template is TemplateCode.MC:
        if any(family.same_birth_count(line.birth_date) > 1 for line in record.lines):
            return LineOutcome.QUEUED, QueueReason.TWINS.value
        for line in record.lines:
            if family.child(line.child_first_name, line.birth_date) is None:
                return LineOutcome.QUEUED, QueueReason.CHILD_NOT_FOUND.value
    return LineOutcome.APPLIED, None


def _claim(family: Family, partner_id: int) -> Claim | None:
    for claim_row in family.allocataire.claims:
        if claim_row.partner_id == partner_id:
            return claim_row
    return None


class EndOfCare(NamedTuple):
    day: date  # the last end-of-care date of the attestation's lines
    claim: Claim  # the family's claim with the partner, which ends that month


def _end_of_care(family: Family, partner_id: int, record: FeedRecord) -> EndOfCare | None:
    """When every declared line has an end-of-care date: the last one and the claim it ends."""
    ends = record.ends
    if not ends or any(end is None for end in ends):
        return None
    return EndOfCare(max(ends), _claim(family, partner_id))


class Queue:
    """The GCA queue items of a batch's attestations, loaded once; new items, reopenings and
    closings flushed together (the new items get their ids before their events)."""

    def __init__(self, session: Session, ctx: StageContext, attestation_ids: set[int]) -> None:
        self.session, self.ctx = session, ctx
        self.items: dict[int, list[QueueItem]] = {}
        for item in session.scalars(
            sa.select(QueueItem).where(QueueItem.attestation_id.in_(attestation_ids))
        ):
            self.items.setdefault(item.attestation_id, []).append(item)
        self._created: list[QueueItem] = []
        self._events: list[tuple[QueueItem, QueueAction, str | None]] = []

    def settle(self, attestation: sa.Row, reason: QueueReason | None) -> None:
        """The queue after the current version of `attestation` was decided: an item for
        `reason` (created, or reopened if resolved), and the items still open for a reason
        this version no longer has closed — the structure's correction replaced them."""
        items = self.items.setdefault(attestation.id, [])
        for item in items:
            if item.reason is not reason and item.status is not QueueStatus.RESOLVED:
                comment = texts.QUEUE_REPLACED.format(version=attestation.version)
                self._events.append((item, *close_item(item, comment, self.ctx.now)))
                self.ctx.counts["queue_items_replaced"] += 1
        if reason is None:
            return
        item = next((i for i in items if i.reason is reason), None)
        if item is None:
            item = QueueItem(
                attestation_id=attestation.id,
                reason=reason,
                partner_id=attestation.partner_id,
                month=attestation.month,
                allocataire_number=attestation.allocataire_number,
                created_at=self.ctx.now,
            )
            items.append(item)
            self._created.append(item)
            self._events.append((item, QueueAction.CREATED, None))
            self.ctx.counts["queue_items"] += 1
        elif item.status is QueueStatus.RESOLVED:
            item.status, item.outcome, item.resolved_at = QueueStatus.OPEN, None, None
            comment = f"Version {attestation.version} de l'attestation"
            self._events.append((item, QueueAction.REOPENED, comment))
        item.pdf_key = attestation.pdf_key

    def flush(self) -> None:
        self.session.add_all(self._created)
        self.session.flush()  # one batch of inserts gives the new items their ids
        if self._events:
            self.session.execute(
                sa.insert(QueueEvent.__table__),
                [{"item_id": item.id, "action": action, "comment": comment, "at": self.ctx.now}
                 for item, action, comment in self._events],
            )  # fmt: skip
