"""The Caf-side referential standing in for the benefit system: allocataires, children,
CMG claims. Joined to the back office's tables by allocataire number, never by foreign key:
it is another system's data."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmg_core.db.base import Base
from cmg_core.db.types import MonthType, enum_type
from cmg_core.templates import TemplateCode
from cmg_core.values import Month


class Allocataire(Base):
    __tablename__ = "allocataires"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(7), unique=True)  # 7 digits
    key_letter: Mapped[str] = mapped_column(sa.String(1))
    civilite: Mapped[str] = mapped_column(sa.String(5), default="")
    last_name: Mapped[str] = mapped_column(sa.String(100))
    first_name: Mapped[str] = mapped_column(sa.String(100))
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(5), default="")
    commune: Mapped[str] = mapped_column(sa.String(100), default="")
    affiliated: Mapped[bool] = mapped_column(default=True, index=True)  # to this Caf
    record_locked: Mapped[bool] = mapped_column(default=False, index=True)  # mise à jour

    children: Mapped[list[Child]] = relationship(
        back_populates="allocataire", order_by="Child.birth_date"
    )
    claims: Mapped[list[CmgClaim]] = relationship(back_populates="allocataire")


class Child(Base):
    __tablename__ = "children"
    __table_args__ = (sa.UniqueConstraint("allocataire_id", "first_name", "birth_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocataire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("allocataires.id", ondelete="CASCADE"), index=True
    )
    last_name: Mapped[str] = mapped_column(sa.String(100))
    first_name: Mapped[str] = mapped_column(sa.String(100))
    birth_date: Mapped[date]

    allocataire: Mapped[Allocataire] = relationship(back_populates="children")


class CmgClaim(Base):
    """A family's CMG "structure" with one partner. `known` False: the family is cared for by
    the partner but the Caf has not received its claim yet (processing queues it)."""

    __tablename__ = "cmg_claims"
    __table_args__ = (sa.UniqueConstraint("allocataire_id", "partner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocataire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("allocataires.id", ondelete="CASCADE")
    )
    partner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[TemplateCode] = mapped_column(enum_type(TemplateCode, "claim_kind"))
    known: Mapped[bool] = mapped_column(default=True, index=True)
    start_month: Mapped[Month] = mapped_column(MonthType())
    end_month: Mapped[Month | None] = mapped_column(MonthType())

    allocataire: Mapped[Allocataire] = relationship(back_populates="claims")
