"""Attestations (one per allocataire × month × partner), the NIMS feed and processing results."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmg_core.db.base import Base, Timestamps
from cmg_core.db.enums import AttestationState, LineOutcome
from cmg_core.db.types import MONEY, MonthType, UtcDateTime, enum_type, utcnow
from cmg_core.values import Month


class Attestation(Timestamps, Base):
    """A family's monthly declaration by one structure (MC: all its children).

    A correction updates the row in place (new deposit, new PDF, `version` + 1), so the
    uniqueness of allocataire × month × partner always holds.
    """

    __tablename__ = "attestations"
    __table_args__ = (
        sa.UniqueConstraint("allocataire_number", "month", "partner_id"),
        sa.Index(None, "month", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    allocataire_number: Mapped[str] = mapped_column(sa.String(7))
    month: Mapped[Month] = mapped_column(MonthType())
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"))
    deposit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("deposits.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(default=1)
    total_hours: Mapped[int] = mapped_column(default=0)
    special_hours: Mapped[int] = mapped_column(default=0)
    amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    end_date: Mapped[date | None]
    document_id: Mapped[str | None] = mapped_column(sa.String(60), unique=True)  # GED id
    pdf_key: Mapped[str | None] = mapped_column(sa.String(120))
    pdf_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    filed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    state: Mapped[AttestationState] = mapped_column(
        enum_type(AttestationState, "attestation_state"), default=AttestationState.CREATED
    )
    # The end of care this attestation's processing put on the family's claim, and the end it
    # replaced: undone when a later version or a withdrawal no longer carries it (`end_of_care`)
    ended_claim_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cmg_claims.id", ondelete="SET NULL")
    )
    ended_month: Mapped[Month | None] = mapped_column(MonthType())
    claim_end_before: Mapped[Month | None] = mapped_column(MonthType())


class FeedRun(Base):
    """One NIMS feed file: the attestations exported in one run."""

    __tablename__ = "feed_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("runs.id", ondelete="SET NULL"))
    file_key: Mapped[str | None] = mapped_column(sa.String(120))
    file_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    row_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    rows: Mapped[list[FeedRow]] = relationship(back_populates="feed_run")


class FeedRow(Base):
    """One attestation version as handed to processing; exported once (unique)."""

    __tablename__ = "feed_rows"
    __table_args__ = (sa.UniqueConstraint("attestation_id", "attestation_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("feed_runs.id", ondelete="CASCADE"), index=True
    )
    attestation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attestations.id", ondelete="CASCADE")
    )
    attestation_version: Mapped[int]
    allocataire_number: Mapped[str] = mapped_column(sa.String(7))
    month: Mapped[Month] = mapped_column(MonthType())
    siret: Mapped[str] = mapped_column(sa.String(14))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)  # the documented feed record

    feed_run: Mapped[FeedRun] = relationship(back_populates="rows")


class ProcessingResult(Base):
    """What processing decided for one feed row (idempotent: one result per row)."""

    __tablename__ = "processing_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_row_id: Mapped[int] = mapped_column(
        sa.ForeignKey("feed_rows.id", ondelete="CASCADE"), unique=True
    )
    attestation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attestations.id", ondelete="CASCADE"), index=True
    )
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("runs.id", ondelete="SET NULL"))
    outcome: Mapped[LineOutcome] = mapped_column(enum_type(LineOutcome, "result_outcome"))
    reason: Mapped[str | None] = mapped_column(sa.String(60))
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class AbsentChild(Base):
    """A child declared last month by the structure, not ended, and missing from this deposit."""

    __tablename__ = "absent_children"
    __table_args__ = (
        sa.UniqueConstraint("deposit_id", "allocataire_number", "child_first_name", "birth_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deposit_id: Mapped[int] = mapped_column(sa.ForeignKey("deposits.id", ondelete="CASCADE"))
    allocataire_number: Mapped[str] = mapped_column(sa.String(7))
    child_last_name: Mapped[str] = mapped_column(sa.String(100), default="")
    child_first_name: Mapped[str] = mapped_column(sa.String(100), default="")
    birth_date: Mapped[date | None]
    previous_deposit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("deposits.id", ondelete="SET NULL")
    )
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
