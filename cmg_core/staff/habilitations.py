"""Partners, their habilitations managers, authorised e-mails and history (Habilitations page)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.models import DsDossier, Habilitation, HabilitationEvent, Partner
from cmg_core.templates import TemplateCode


def partners(session: Session, text: str = "", kind: TemplateCode | None = None) -> list[Partner]:
    """Partners by name, filtered by name, SIRET or manager e-mail text and by kind."""
    query = sa.select(Partner).order_by(Partner.name)
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(
            sa.or_(
                Partner.name.ilike(pattern),
                Partner.siret.like(pattern),
                Partner.manager_email.ilike(pattern),
            )
        )
    if kind is not None:
        query = query.where(Partner.kind == kind)
    return list(session.scalars(query))


def active_counts(session: Session) -> dict[int, int]:
    """Partner id → how many active habilitations it has."""
    rows = session.execute(
        sa.select(Habilitation.partner_id, sa.func.count())
        .where(Habilitation.active.is_(True))
        .group_by(Habilitation.partner_id)
    )
    return {partner_id: count for partner_id, count in rows}


def habilitations_of(session: Session, partner_id: int) -> list[Habilitation]:
    """Active ones first, then removed ones, by e-mail."""
    return list(
        session.scalars(
            sa.select(Habilitation)
            .where(Habilitation.partner_id == partner_id)
            .order_by(Habilitation.active.desc(), Habilitation.email)
        )
    )


def history_of(
    session: Session, partner_id: int
) -> list[tuple[HabilitationEvent, str, int | None]]:
    """Every change to the partner's habilitations, newest first: (event, e-mail, DS number)."""
    rows = session.execute(
        sa.select(HabilitationEvent, Habilitation.email, DsDossier.number)
        .join(Habilitation, Habilitation.id == HabilitationEvent.habilitation_id)
        .outerjoin(DsDossier, DsDossier.id == HabilitationEvent.ds_dossier_id)
        .where(Habilitation.partner_id == partner_id)
        .order_by(HabilitationEvent.at.desc(), HabilitationEvent.id.desc())
    )
    return [(event, email, number) for event, email, number in rows]
