"""The GCA queue: attestations that processing could not apply, and each item's history."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmg_core.db.base import Base
from cmg_core.db.enums import QueueAction, QueueOutcome, QueueReason, QueueStatus
from cmg_core.db.types import MonthType, UtcDateTime, enum_type, utcnow
from cmg_core.values import Month


class QueueItem(Base):
    """One attestation re-assigned to a GCA for one reason (created once per reason).

    Partner, month and allocataire are copied from the attestation so the queue screen filters
    on one table.
    """

    __tablename__ = "queue_items"
    __table_args__ = (
        sa.UniqueConstraint("attestation_id", "reason"),
        sa.Index(None, "status", "reason"),
        sa.Index(None, "partner_id", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attestation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attestations.id", ondelete="CASCADE")
    )
    reason: Mapped[QueueReason] = mapped_column(enum_type(QueueReason, "queue_reason"))
    status: Mapped[QueueStatus] = mapped_column(
        enum_type(QueueStatus, "queue_status"), default=QueueStatus.OPEN
    )
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"))
    month: Mapped[Month] = mapped_column(MonthType())
    allocataire_number: Mapped[str] = mapped_column(sa.String(7), index=True)
    pdf_key: Mapped[str | None] = mapped_column(sa.String(120))  # the attestation's PDF
    assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[QueueOutcome | None] = mapped_column(enum_type(QueueOutcome, "queue_outcome"))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    events: Mapped[list[QueueEvent]] = relationship(back_populates="item", order_by="QueueEvent.at")


class QueueEvent(Base):
    """One step in a queue item's life: created, taken, assigned, resolved, commented…"""

    __tablename__ = "queue_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("queue_items.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[QueueAction] = mapped_column(enum_type(QueueAction, "queue_action"))
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    )  # None for the back office
    assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    comment: Mapped[str | None] = mapped_column(sa.Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    item: Mapped[QueueItem] = relationship(back_populates="events")
