"""Dossiers DS deleted (`Demarche.deletedDossiers`), as sync finds them.

Each deleted dossier we hold is recorded (when, DS's reason) and never handled again. Only
`user_request` means the partner withdrew its file: its current deposit is withdrawn exactly
as a correction declaring no family would be (`withdrawal.withdraw_dropped` with nothing
kept) and stops being current. Every other reason (`expired`, `procedure_removed`,
`instructeur_request`, …) is DS's housekeeping: recorded, nothing undone. A dossier deleted
before we ever read it is only counted.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice.withdrawal import withdraw_dropped
from cmg_core.db.enums import DossierStatus
from cmg_core.db.models import Deposit, DsDossier
from cmg_core.ds import DeletedDossier, DeletedReason


def record(
    session: Session,
    demarche_number: int,
    deleted: DeletedDossier,
    now: datetime,
    counts: Counter[str],
) -> None:
    """Record one deleted dossier, counting what it did in `counts`."""
    dossier = session.scalars(
        sa.select(DsDossier).where(
            DsDossier.number == deleted.number, DsDossier.demarche_number == demarche_number
        )
    ).one_or_none()
    if dossier is None or dossier.deleted_at is not None:
        counts["deleted_dossiers_unknown" if dossier is None else "deleted_dossiers_seen"] += 1
        return
    dossier.deleted_at, dossier.deleted_reason = deleted.deleted_at, deleted.reason.value
    dossier.status, dossier.last_error = DossierStatus.DONE, None  # never handled again
    counts["deleted_dossiers"] += 1
    if deleted.reason is not DeletedReason.USER_REQUEST:
        return
    current = session.scalars(
        sa.select(Deposit).where(Deposit.dossier_id == dossier.id, Deposit.is_current.is_(True))
    ).all()
    for deposit in current:
        counts["attestations_withdrawn"] += withdraw_dropped(session, deposit, (), now)
        deposit.is_current = False
        counts["deposits_withdrawn"] += 1
