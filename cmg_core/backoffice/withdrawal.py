"""Families a correction drops (SPEC §4 intake: a second valid file for the same SIRET and month
replaces the first, never doubles it).

When a deposit becomes current in place of another, the attestations of its partner × month
whose family the new file no longer declares are withdrawn in the same transaction: state
`withdrawn` and version + 1, so a feed row of the older version still waiting for processing
changes nothing; a withdrawn attestation is not fed or processed again, an end of care it had
applied is undone (`end_of_care`), and a family told of it in Mon Compte is told of the
withdrawal (notify). Their queue
items still open are closed (`no_action`, with an event saying why). The bilan of the correcting
deposit names them. A later file declaring the family again files a new version of the same
attestation (attestations stage).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import end_of_care, texts
from cmg_core.db.enums import AttestationState, QueueAction, QueueOutcome, QueueStatus
from cmg_core.db.models import Attestation, Deposit, QueueEvent, QueueItem


def close_item(item: QueueItem, comment: str, now: datetime) -> tuple[QueueAction, str]:
    """Resolve an item nobody needs to handle any more; the event to record for it."""
    item.status, item.outcome, item.resolved_at = QueueStatus.RESOLVED, QueueOutcome.NO_ACTION, now
    item.comment = comment
    return QueueAction.RESOLVED, comment


def withdraw_dropped(session: Session, deposit: Deposit, kept: Iterable[str], now: datetime) -> int:
    """Withdraw the attestations of `deposit`'s partner × month whose family is not in `kept`
    (the allocataire numbers of the new file); how many were withdrawn."""
    dropped = session.scalars(
        sa.select(Attestation).where(
            Attestation.partner_id == deposit.partner_id,
            Attestation.month == deposit.month,
            Attestation.state != AttestationState.WITHDRAWN,
            Attestation.allocataire_number.not_in(set(kept)),
        )
    ).all()
    for attestation in dropped:
        attestation.state = AttestationState.WITHDRAWN
        attestation.version += 1
    if not dropped:
        return 0
    end_of_care.undo_withdrawn(session, dropped)
    open_items = session.scalars(
        sa.select(QueueItem).where(
            QueueItem.attestation_id.in_([a.id for a in dropped]),
            QueueItem.status != QueueStatus.RESOLVED,
        )
    )
    for item in open_items:
        action, comment = close_item(item, texts.QUEUE_WITHDRAWN, now)
        session.add(QueueEvent(item_id=item.id, action=action, comment=comment, at=now))
    return len(dropped)


def withdrawn_numbers(session: Session, deposit: Deposit) -> list[str]:
    """The allocataires of `deposit`'s partner × month whose attestation is withdrawn."""
    return list(
        session.scalars(
            sa.select(Attestation.allocataire_number)
            .where(
                Attestation.partner_id == deposit.partner_id,
                Attestation.month == deposit.month,
                Attestation.state == AttestationState.WITHDRAWN,
            )
            .order_by(Attestation.allocataire_number)
        )
    )
