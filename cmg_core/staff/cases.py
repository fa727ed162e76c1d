"""Reading the GCA queue for the File manuelle page: filtered case rows and their ageing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import QueueOutcome, QueueReason, QueueStatus
from cmg_core.db.models import Partner, QueueItem, StaffUser
from cmg_core.db.types import utcnow
from cmg_core.staff.queue import UNRESOLVED, age_days
from cmg_core.values import Month

WATCH_AFTER_DAYS = 7
LATE_AFTER_DAYS = 14


class Ageing(StrEnum):
    FRESH = "fresh"
    WATCH = "watch"
    LATE = "late"


AGEING_LABELS = {
    Ageing.FRESH: f"moins de {WATCH_AFTER_DAYS} jours",
    Ageing.WATCH: f"de {WATCH_AFTER_DAYS} à {LATE_AFTER_DAYS - 1} jours",
    Ageing.LATE: f"{LATE_AFTER_DAYS} jours ou plus",
}


def ageing(days: int) -> Ageing:
    if days >= LATE_AFTER_DAYS:
        return Ageing.LATE
    return Ageing.WATCH if days >= WATCH_AFTER_DAYS else Ageing.FRESH


@dataclass(frozen=True)
class CaseFilter:
    reasons: tuple[QueueReason, ...] = ()
    partner_ids: tuple[int, ...] = ()
    months: tuple[Month, ...] = ()
    min_age_days: int = 0
    statuses: tuple[QueueStatus, ...] = UNRESOLVED
    assignee_id: int | None = None
    limit: int = 1000


@dataclass(frozen=True)
class CaseRow:
    id: int
    attestation_id: int
    reason: QueueReason
    status: QueueStatus
    partner_id: int
    partner_name: str
    siret: str
    month: Month
    allocataire_number: str
    assignee_id: int | None
    assignee_email: str
    created_at: datetime
    age_days: int
    ageing: Ageing
    outcome: QueueOutcome | None
    comment: str
    pdf_key: str | None


def _query() -> sa.Select:
    return (
        sa.select(QueueItem, Partner.name, Partner.siret, StaffUser.email)
        .join(Partner, Partner.id == QueueItem.partner_id)
        .outerjoin(StaffUser, StaffUser.id == QueueItem.assignee_id)
    )


def _row(item: QueueItem, name: str, siret: str, email: str | None, now: datetime) -> CaseRow:
    days = age_days(item.created_at, now)
    return CaseRow(
        id=item.id,
        attestation_id=item.attestation_id,
        reason=QueueReason(item.reason),
        status=QueueStatus(item.status),
        partner_id=item.partner_id,
        partner_name=name,
        siret=siret,
        month=item.month,
        allocataire_number=item.allocataire_number,
        assignee_id=item.assignee_id,
        assignee_email=email or "",
        created_at=item.created_at,
        age_days=days,
        ageing=ageing(days),
        outcome=item.outcome,
        comment=item.comment or "",
        pdf_key=item.pdf_key,
    )


def cases(session: Session, where: CaseFilter, now: datetime | None = None) -> list[CaseRow]:
    """Matching cases, oldest first (the queue is worked in arrival order)."""
    now = now or utcnow()
    query = _query().order_by(QueueItem.created_at, QueueItem.id)
    if where.statuses:
        query = query.where(QueueItem.status.in_(where.statuses))
    if where.reasons:
        query = query.where(QueueItem.reason.in_(where.reasons))
    if where.partner_ids:
        query = query.where(QueueItem.partner_id.in_(where.partner_ids))
    if where.months:
        query = query.where(QueueItem.month.in_(where.months))
    if where.assignee_id is not None:
        query = query.where(QueueItem.assignee_id == where.assignee_id)
    rows = [_row(*found, now) for found in session.execute(query.limit(where.limit))]
    return [row for row in rows if row.age_days >= where.min_age_days]


def case(session: Session, item_id: int, now: datetime | None = None) -> CaseRow | None:
    found = session.execute(_query().where(QueueItem.id == item_id)).one_or_none()
    return None if found is None else _row(*found, now or utcnow())


def queue_months(session: Session) -> list[Month]:
    """The months present in the queue, newest first (for the filter)."""
    return sorted(set(session.scalars(sa.select(QueueItem.month).distinct())), reverse=True)


def queue_partners(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the partners present in the queue, by name."""
    rows = session.execute(
        sa.select(Partner.id, Partner.name)
        .where(Partner.id.in_(sa.select(QueueItem.partner_id)))
        .order_by(Partner.name)
    )
    return [(pid, name) for pid, name in rows]
