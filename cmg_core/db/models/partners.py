"""Partners (structures under convention) and the people habilitated to file for them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmg_core.db.base import Base, Timestamps
from cmg_core.db.enums import HabilitationOperation
from cmg_core.db.types import UtcDateTime, enum_type, utcnow
from cmg_core.templates import TemplateCode

EMAIL = sa.String(254)


class Partner(Timestamps, Base):
    """A micro-crèche or a garde à domicile provider, identified by its SIRET."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    siret: Mapped[str] = mapped_column(sa.String(14), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[TemplateCode] = mapped_column(enum_type(TemplateCode, "partner_kind"))
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(5), default="")
    commune: Mapped[str] = mapped_column(sa.String(100), default="")
    convention_ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    convention_signed_on: Mapped[date | None]
    manager_email: Mapped[str] = mapped_column(EMAIL, index=True)  # gestionnaire des habilitations
    active: Mapped[bool] = mapped_column(default=True)

    habilitations: Mapped[list[Habilitation]] = relationship(back_populates="partner")


class Habilitation(Timestamps, Base):
    """A person authorised to file for a partner; removal deactivates, history is kept."""

    __tablename__ = "habilitations"
    __table_args__ = (sa.UniqueConstraint("partner_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(EMAIL, index=True)  # stored lower-case
    civilite: Mapped[str] = mapped_column(sa.String(5), default="")  # "M." or "Mme"
    first_name: Mapped[str] = mapped_column(sa.String(100), default="")
    last_name: Mapped[str] = mapped_column(sa.String(100), default="")
    active: Mapped[bool] = mapped_column(default=True)
    source_dossier_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("ds_dossiers.id", ondelete="SET NULL")
    )  # the DS dossier that last changed it; None when seeded or set by staff

    partner: Mapped[Partner] = relationship(back_populates="habilitations")
    events: Mapped[list[HabilitationEvent]] = relationship(
        back_populates="habilitation", order_by="HabilitationEvent.at"
    )


class HabilitationEvent(Base):
    """One change to a habilitation: who, when, which operation, from which DS dossier."""

    __tablename__ = "habilitation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    habilitation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("habilitations.id", ondelete="CASCADE"), index=True
    )
    operation: Mapped[HabilitationOperation] = mapped_column(
        enum_type(HabilitationOperation, "habilitation_operation")
    )
    actor_email: Mapped[str] = mapped_column(EMAIL)  # the manager on DS, or a staff member
    staff_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    ds_dossier_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("ds_dossiers.id", ondelete="SET NULL")
    )
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)

    habilitation: Mapped[Habilitation] = relationship(back_populates="events")
