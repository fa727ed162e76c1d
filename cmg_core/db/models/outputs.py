"""What the back office sends out: bilans to partners, Mon Compte messages to families."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cmg_core.db.base import Base
from cmg_core.db.enums import Channel
from cmg_core.db.types import UtcDateTime, enum_type, utcnow


class Bilan(Base):
    """The bilan de traitement of one deposit (PDF and xlsx), and when it reached DS."""

    __tablename__ = "bilans"

    id: Mapped[int] = mapped_column(primary_key=True)
    deposit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("deposits.id", ondelete="CASCADE"), unique=True
    )
    pdf_key: Mapped[str | None] = mapped_column(sa.String(120))
    pdf_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    xlsx_key: Mapped[str | None] = mapped_column(sa.String(120))
    xlsx_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)  # outcome → lines
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_to_ds_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    sent_via: Mapped[str | None] = mapped_column(sa.String(20))  # justificatif / message


class Notification(Base):
    """A message to an allocataire about one processed attestation version."""

    __tablename__ = "notifications"
    __table_args__ = (sa.UniqueConstraint("attestation_id", "attestation_version", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocataire_number: Mapped[str] = mapped_column(sa.String(7), index=True)
    attestation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attestations.id", ondelete="CASCADE")
    )
    attestation_version: Mapped[int] = mapped_column(default=1)
    channel: Mapped[Channel] = mapped_column(
        enum_type(Channel, "notification_channel"), default=Channel.MON_COMPTE
    )
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
