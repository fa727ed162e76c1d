"""Monthly deposits (one file received on a DS dossier) and their declaration lines.

At most one deposit is *current* per SIRET × month × template: a partial unique index holds it
on both SQLite and PostgreSQL. A correction marks the previous deposit not current, points it to
its successor (`superseded_by_id`) and becomes current itself (see `cmg_core.db.deposits`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmg_core.db.base import Base, Claimable, Timestamps
from cmg_core.db.enums import DepositStatus, LineOutcome
from cmg_core.db.types import MONEY, MonthType, UtcDateTime, enum_type
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

_CURRENT = sa.text("is_current")


class Deposit(Claimable, Timestamps, Base):
    __tablename__ = "deposits"
    __table_args__ = (
        sa.Index(
            "uq_deposits_current",
            "siret",
            "month",
            "template",
            unique=True,
            sqlite_where=_CURRENT,
            postgresql_where=_CURRENT,
        ),
        sa.UniqueConstraint("dossier_id", "file_sha256"),  # a file is taken in once
        sa.CheckConstraint(
            "NOT (is_current AND superseded_by_id IS NOT NULL)", name="current_not_superseded"
        ),
        sa.Index(None, "month", "partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(sa.ForeignKey("ds_dossiers.id", ondelete="CASCADE"))
    partner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="SET NULL")
    )  # None when the SIRET is no partner (the deposit is then invalid)
    siret: Mapped[str] = mapped_column(sa.String(14))
    template: Mapped[TemplateCode] = mapped_column(enum_type(TemplateCode, "deposit_template"))
    month: Mapped[Month | None] = mapped_column(MonthType())  # None when unreadable
    attempt: Mapped[int] = mapped_column(default=1)  # 1 for the first file of SIRET × month
    file_name: Mapped[str] = mapped_column(sa.String(255), default="")
    file_key: Mapped[str] = mapped_column(sa.String(120))
    file_sha256: Mapped[str] = mapped_column(sa.String(64))
    annotated_key: Mapped[str | None] = mapped_column(sa.String(120))  # sent back on errors
    status: Mapped[DepositStatus] = mapped_column(
        enum_type(DepositStatus, "deposit_status"), default=DepositStatus.RECEIVED, index=True
    )
    valid: Mapped[bool | None]  # the pre-check and referential checks found no error
    findings: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    row_count: Mapped[int] = mapped_column(default=0)
    error_count: Mapped[int] = mapped_column(default=0)
    warning_count: Mapped[int] = mapped_column(default=0)
    deposited_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # on DS
    is_current: Mapped[bool] = mapped_column(default=True)
    superseded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("deposits.id", ondelete="SET NULL")
    )
    superseded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    lines: Mapped[list[DepositLine]] = relationship(
        back_populates="deposit", order_by="DepositLine.row"
    )
    superseded_by: Mapped[Deposit | None] = relationship(remote_side=[id])


class DepositLine(Base):
    """One data row of a deposited file, as read, and what processing made of it."""

    __tablename__ = "deposit_lines"
    __table_args__ = (
        sa.UniqueConstraint("deposit_id", "row"),
        # a deposit's lines not yet linked to their attestation, found without scanning the
        # unlinked lines of every other deposit (attestations stage)
        sa.Index(None, "deposit_id", "attestation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deposit_id: Mapped[int] = mapped_column(sa.ForeignKey("deposits.id", ondelete="CASCADE"))
    row: Mapped[int]  # Excel row number
    allocataire_number: Mapped[str] = mapped_column(sa.String(7), index=True)
    child_last_name: Mapped[str | None] = mapped_column(sa.String(100))  # MC only
    child_first_name: Mapped[str | None] = mapped_column(sa.String(100))
    birth_date: Mapped[date | None]
    total_hours: Mapped[int]
    special_hours: Mapped[int] = mapped_column(default=0)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    end_date: Mapped[date | None]
    attestation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("attestations.id", ondelete="SET NULL"), index=True
    )
    # not indexed: four values, rewritten for every line (an index only slowed the updates and
    # misled PostgreSQL's planner; the per-deposit probes use the deposit index)
    outcome: Mapped[LineOutcome] = mapped_column(
        enum_type(LineOutcome, "line_outcome"), default=LineOutcome.PENDING
    )
    reason: Mapped[str | None] = mapped_column(sa.String(60))  # a queue reason or finding code

    deposit: Mapped[Deposit] = relationship(back_populates="lines")
