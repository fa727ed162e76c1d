"""Stage 8, notify: one Mon Compte message per family whose attestation was processed.

A `Notification` per attestation version (unique), in French; Mon Compte is represented by
these rows (`sent_at` set when written). A corrected attestation (version 2, …) processed again
gets its own message saying the structure corrected its declaration; a family told of an
attestation that a correction then withdrew is told of the withdrawal. The messages of a batch
are written by one executemany.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import texts
from cmg_core.backoffice.claim import claim_in_batches
from cmg_core.backoffice.context import StageContext
from cmg_core.db.enums import AttestationState, Channel
from cmg_core.db.models import Attestation, DepositLine, Notification, Partner
from cmg_core.values import format_euros

CHUNK = 1000


_TABLE = Attestation.__table__


def _to_do(after: int = 0) -> sa.Select:
    """Processed attestations, and withdrawn ones whose family was told of them, without the
    message of their current version, after id `after` (keyset)."""
    return (
        sa.select(
            _TABLE.c.id,
            _TABLE.c.version,
            _TABLE.c.allocataire_number,
            _TABLE.c.partner_id,
            _TABLE.c.deposit_id,
            _TABLE.c.month,
            _TABLE.c.total_hours,
            _TABLE.c.amount,
            _TABLE.c.state,
        )
        .where(
            _TABLE.c.id > after,
            sa.or_(
                _TABLE.c.state == AttestationState.PROCESSED,
                (_TABLE.c.state == AttestationState.WITHDRAWN)
                & _told(Notification.attestation_version < _TABLE.c.version),
            ),
            ~_told(Notification.attestation_version == _TABLE.c.version),
        )
        .order_by(_TABLE.c.id)
    )


def _told(version: sa.ColumnElement[bool]) -> sa.Exists:
    """Whether the family has a Mon Compte message about this attestation in a version matching
    `version` (a comparison with the attestation's current one)."""
    return (
        sa.select(Notification.id)
        .where(
            Notification.attestation_id == _TABLE.c.id,
            version,
            Notification.channel == Channel.MON_COMPTE,
        )
        .exists()
    )


def run(ctx: StageContext) -> None:
    claim_in_batches(ctx, _to_do, CHUNK, lambda session, batch: _notify(ctx, session, batch))


def _notify(ctx: StageContext, session: Session, batch: list[sa.Row]) -> int:
    names = dict(session.execute(sa.select(Partner.id, Partner.name)).all())
    children = {
        (attestation_id, deposit_id): count
        for attestation_id, deposit_id, count in session.execute(
            sa.select(DepositLine.attestation_id, DepositLine.deposit_id, sa.func.count())
            .where(DepositLine.attestation_id.in_([a.id for a in batch]))
            .group_by(DepositLine.attestation_id, DepositLine.deposit_id)
        )
    }
    messages = []
    for attestation in batch:
        messages.append(
            {
                "allocataire_number": attestation.allocataire_number,
                "attestation_id": attestation.id,
                "attestation_version": attestation.version,
                "channel": Channel.MON_COMPTE,
                "text": _text(attestation, names[attestation.partner_id], children),
                "created_at": ctx.now,
                "sent_at": ctx.now,
            }
        )
        ctx.checkpoint()
    session.execute(sa.insert(Notification.__table__), messages)  # one executemany
    ctx.counts["notifications"] += len(batch)
    return len(batch)


def _text(attestation: sa.Row, structure: str, children: dict[tuple[int, int], int]) -> str:
    if attestation.state == AttestationState.WITHDRAWN:
        return texts.mon_compte_withdrawn(structure=structure, month=attestation.month)
    return texts.mon_compte(
        structure=structure,
        month=attestation.month,
        hours=attestation.total_hours,
        amount=format_euros(attestation.amount),
        children=children.get((attestation.id, attestation.deposit_id), 1),
        version=attestation.version,
    )
