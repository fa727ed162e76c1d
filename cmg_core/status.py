"""What `status` reports: counts per table and per state, last runs, the referential's shares
(above `db` and `referential`, which it reads).

Returns plain JSON-ready values; the CLI and the staff pages format them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.base import Base
from cmg_core.db.migrate import revision_of
from cmg_core.db.models import (
    Allocataire,
    Attestation,
    Bilan,
    Child,
    CmgClaim,
    Deposit,
    DepositLine,
    DsDossier,
    Notification,
    QueueItem,
    Run,
)
from cmg_core.referential import shares


def collect(session: Session) -> dict[str, Any]:
    """The whole status as one JSON-ready dict."""
    connection = session.connection()
    return {
        "database": connection.dialect.name,
        "revision": revision_of(connection),
        "tables": {name: _count(session, table) for name, table in Base.metadata.tables.items()},
        "dossiers": _by(session, DsDossier.status),
        "deposits": _by(session, Deposit.status),
        "lines": _by(session, DepositLine.outcome),
        "attestations": _by(session, Attestation.state),
        "queue": {
            "by_status": _by(session, QueueItem.status),
            "by_reason": _by(session, QueueItem.reason),
        },
        "bilans": _sent(session, Bilan, Bilan.sent_to_ds_at),
        "notifications": _sent(session, Notification, Notification.sent_at),
        "last_runs": last_runs(session),
        "referential": referential_shares(session),
    }


def last_runs(session: Session) -> list[dict[str, Any]]:
    """The latest run of each stage."""
    latest = sa.select(Run.stage, sa.func.max(Run.id).label("id")).group_by(Run.stage).subquery()
    runs = session.scalars(sa.select(Run).join(latest, Run.id == latest.c.id).order_by(Run.stage))
    return [
        {
            "stage": run.stage,
            "status": run.status.value,
            "started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
            "counts": run.counts,
            "failures": run.failures,
            "worker": run.worker,
        }
        for run in runs
    ]


def referential_shares(session: Session) -> dict[str, Any]:
    """Families, children and each documented group's measured share (see `shares`)."""
    families = _count(session, Allocataire.__table__)
    twin_births = (
        sa.select(Child.allocataire_id)
        .group_by(Child.allocataire_id, Child.birth_date)
        .having(sa.func.count() > 1)
        .subquery()
    )
    counts = {
        "twins": session.scalar(
            sa.select(sa.func.count(sa.distinct(twin_births.c.allocataire_id)))
        ),
        "locked": _where(session, Allocataire.record_locked.is_(True)),
        "unknown_claim": session.scalar(
            sa.select(sa.func.count(sa.distinct(CmgClaim.allocataire_id))).where(
                CmgClaim.known.is_(False)
            )
        ),
        "not_affiliated": _where(session, Allocataire.affiliated.is_(False)),
    }
    return {
        "families": families,
        "children": _count(session, Child.__table__),
        "shares": {
            name: {
                "count": counts[name] or 0,
                "share": round((counts[name] or 0) / families, 4) if families else 0.0,
                "documented": documented,
            }
            for name, documented in shares.DOCUMENTED_SHARES.items()
        },
    }


def _count(session: Session, table: sa.Table) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def _where(session: Session, condition) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Allocataire).where(condition)) or 0


def _by(session: Session, column) -> dict[str, int]:
    rows = session.execute(sa.select(column, sa.func.count()).group_by(column).order_by(column))
    return {(key.value if isinstance(key, StrEnum) else str(key)): n for key, n in rows}


def _sent(session: Session, model, sent_column) -> dict[str, int]:
    total = _count(session, model.__table__)
    sent = session.scalar(sa.select(sa.func.count()).where(sent_column.is_not(None))) or 0
    return {"total": total, "sent": sent, "pending": total - sent}
