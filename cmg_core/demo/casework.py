"""The Caf's past casework, for the demo's year: the manual queue's older cases closed as a
gestionnaire conseil allocataire would have, at their dates, so the queue shows a working
team — recent cases open, a few old ones still waiting — rather than a year piled up."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import AttestationState, QueueAction, QueueOutcome, QueueStatus
from cmg_core.db.models import Attestation, QueueEvent, QueueItem
from cmg_core.values import Month

LEFT_OPEN = 0.06  # old cases still waiting
COMMENT = "Situation vérifiée avec l'allocataire ; attestation prise en compte à la main."


def close_old_cases(session: Session, up_to: Month, at: datetime) -> int:
    """Close the open cases of months up to `up_to` (all but a few), dated from `at` back."""
    items = session.scalars(
        sa.select(QueueItem).where(QueueItem.status == QueueStatus.OPEN, QueueItem.month <= up_to)
    ).all()
    closed = 0
    for item in items:
        if zlib.crc32(f"{item.allocataire_number}{item.month}".encode()) % 100 < LEFT_OPEN * 100:
            continue
        when = at - timedelta(hours=zlib.crc32(str(item.id).encode()) % 240)
        when = max(when, item.created_at + timedelta(hours=1))
        item.status, item.outcome, item.comment = (
            QueueStatus.RESOLVED,
            QueueOutcome.APPLIED,
            COMMENT,
        )
        item.taken_at, item.resolved_at = when - timedelta(minutes=20), when
        session.add(QueueEvent(item_id=item.id, action=QueueAction.TAKEN, at=item.taken_at))
        session.add(QueueEvent(item_id=item.id, action=QueueAction.RESOLVED, comment=COMMENT,
                               at=when))  # fmt: skip
        closed += 1
    session.flush()
    settled = sa.select(QueueItem.attestation_id).where(QueueItem.status != QueueStatus.RESOLVED)
    session.execute(
        sa.update(Attestation)
        .where(Attestation.state == AttestationState.QUEUED, Attestation.id.not_in(settled))
        .values(state=AttestationState.PROCESSED)
        .execution_options(synchronize_session=False)
    )
    return closed
