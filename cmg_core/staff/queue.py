"""Working the GCA manual queue: take, assign, release and resolve a case, with its history.

Every change is one conditional UPDATE (so two GCAs cannot both take or resolve the same
case), one `QueueEvent` and one audit entry, in the caller's transaction. Errors are
`QueueError`s carrying a French message for the page.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import AttestationState, QueueAction, QueueOutcome, QueueStatus, Role
from cmg_core.db.models import Attestation, QueueEvent, QueueItem, StaffUser
from cmg_core.db.types import utcnow
from cmg_core.staff import audit

UNRESOLVED = (QueueStatus.OPEN, QueueStatus.TAKEN)
COMMENT_MAX = 2000


class QueueError(Exception):
    """A queue action that cannot be done; `str(error)` is French, for the page."""


class CaseNotFoundError(QueueError):
    pass


class CaseConflictError(QueueError):
    """Someone else holds the case, or it is already resolved."""


def _get(session: Session, item_id: int) -> QueueItem:
    item = session.get(QueueItem, item_id)
    if item is None:
        raise CaseNotFoundError("Ce dossier n'existe pas ou plus.")
    return item


def _conflict(session: Session, item_id: int) -> CaseConflictError:
    session.expire_all()
    item = _get(session, item_id)
    if item.status == QueueStatus.RESOLVED:
        return CaseConflictError("Ce dossier est déjà résolu.")
    holder = session.get(StaffUser, item.assignee_id) if item.assignee_id else None
    who = holder.email if holder else "un autre gestionnaire"
    return CaseConflictError(f"Ce dossier est déjà pris en charge par {who}.")


def _update(session: Session, item_id: int, *conditions, **values) -> None:
    result = session.execute(
        sa.update(QueueItem)
        .where(QueueItem.id == item_id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise _conflict(session, item_id)
    session.expire_all()


def _event(
    session: Session,
    item_id: int,
    action: QueueAction,
    actor: audit.Actor,
    assignee_id: int | None = None,
    comment: str | None = None,
) -> None:
    session.add(
        QueueEvent(
            item_id=item_id,
            action=action,
            actor_id=actor.id,
            assignee_id=assignee_id,
            comment=comment,
            at=utcnow(),
        )
    )
    audit.record(
        session,
        actor,
        f"queue.{_AUDIT[action]}",
        "queue_item",
        item_id,
        **({"assignee_id": assignee_id} if assignee_id else {}),
    )


_AUDIT = {
    QueueAction.TAKEN: "take",
    QueueAction.ASSIGNED: "assign",
    QueueAction.RELEASED: "release",
    QueueAction.RESOLVED: "resolve",
}


def take(session: Session, item_id: int, actor: audit.Actor) -> None:
    """The actor takes an open case (not one someone else holds)."""
    _get(session, item_id)
    _update(
        session,
        item_id,
        QueueItem.status == QueueStatus.OPEN,
        status=QueueStatus.TAKEN,
        assignee_id=actor.id,
        taken_at=utcnow(),
    )
    _event(session, item_id, QueueAction.TAKEN, actor, assignee_id=actor.id)


def assign(session: Session, item_id: int, assignee_id: int, actor: audit.Actor) -> None:
    """Give an unresolved case to a GCA or an administrator (whoever held it before)."""
    _get(session, item_id)
    assignee = session.get(StaffUser, assignee_id)
    if assignee is None or not assignee.active or assignee.role not in (Role.GCA, Role.ADMIN):
        raise QueueError("Un dossier ne peut être attribué qu'à un gestionnaire actif.")
    _update(
        session,
        item_id,
        QueueItem.status.in_(UNRESOLVED),
        status=QueueStatus.TAKEN,
        assignee_id=assignee_id,
        taken_at=utcnow(),
    )
    _event(session, item_id, QueueAction.ASSIGNED, actor, assignee_id=assignee_id)


def release(
    session: Session, item_id: int, actor: audit.Actor, *, any_holder: bool = False
) -> None:
    """Put a taken case back in the queue (its holder, or anyone when `any_holder`)."""
    _get(session, item_id)
    holder = sa.true() if any_holder else QueueItem.assignee_id == actor.id
    _update(
        session,
        item_id,
        QueueItem.status == QueueStatus.TAKEN,
        holder,
        status=QueueStatus.OPEN,
        assignee_id=None,
        taken_at=None,
    )
    _event(session, item_id, QueueAction.RELEASED, actor)


def resolve(
    session: Session, item_id: int, outcome: QueueOutcome, comment: str, actor: audit.Actor
) -> None:
    """Close a case the actor has taken with an outcome; a refusal needs a comment.

    When no other case remains open for the same attestation, the attestation counts as
    processed (by hand).
    """
    comment = comment.strip()[:COMMENT_MAX] or None
    outcome = QueueOutcome(outcome)
    if outcome == QueueOutcome.REFUSED and comment is None:
        raise QueueError(
            "Indiquez un commentaire : un refus s'explique, à vos collègues comme à la structure."
        )
    item = _get(session, item_id)
    if item.status == QueueStatus.OPEN:
        raise QueueError(
            "Prenez d'abord ce dossier en charge : seul le gestionnaire qui l'a pris le résout."
        )
    _update(
        session,
        item_id,
        QueueItem.status == QueueStatus.TAKEN,
        QueueItem.assignee_id == actor.id,
        status=QueueStatus.RESOLVED,
        outcome=outcome,
        comment=comment,
        resolved_at=utcnow(),
    )
    _event(session, item_id, QueueAction.RESOLVED, actor, comment=comment)
    _settle_attestation(session, item.attestation_id)


def _settle_attestation(session: Session, attestation_id: int) -> None:
    still_open = session.scalar(
        sa.select(sa.func.count())
        .select_from(QueueItem)
        .where(QueueItem.attestation_id == attestation_id, QueueItem.status.in_(UNRESOLVED))
    )
    attestation = session.get(Attestation, attestation_id)
    if not still_open and attestation is not None and attestation.state == AttestationState.QUEUED:
        attestation.state = AttestationState.PROCESSED


def history(session: Session, item_id: int) -> list[tuple[QueueEvent, str, str]]:
    """The case's events, oldest first, with the actor's and the assignee's e-mails."""
    actor = sa.orm.aliased(StaffUser)
    assignee = sa.orm.aliased(StaffUser)
    rows = session.execute(
        sa.select(QueueEvent, actor.email, assignee.email)
        .outerjoin(actor, actor.id == QueueEvent.actor_id)
        .outerjoin(assignee, assignee.id == QueueEvent.assignee_id)
        .where(QueueEvent.item_id == item_id)
        .order_by(QueueEvent.at, QueueEvent.id)
    )
    return [(event, who or "automate", to or "") for event, who, to in rows]


def assignable_users(session: Session) -> list[StaffUser]:
    """Active GCAs and administrators, who may be given a case."""
    return list(
        session.scalars(
            sa.select(StaffUser)
            .where(StaffUser.active.is_(True), StaffUser.role.in_((Role.GCA, Role.ADMIN)))
            .order_by(StaffUser.email)
        )
    )


def age_days(created_at: datetime, now: datetime | None = None) -> int:
    return max(0, ((now or utcnow()) - created_at).days)
