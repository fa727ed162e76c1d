"""The outbox: every e-mail the Caf sends, written here first, then sent by the back office."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cmg_core.db.base import Base
from cmg_core.db.enums import MailKind, MailStatus
from cmg_core.db.types import MonthType, UtcDateTime, enum_type, utcnow
from cmg_core.values import Month


class OutboxMessage(Base):
    """One e-mail to one recipient. `key` makes enqueueing idempotent (the same call, the same
    habilitation change, the same reminder is written once); `status` makes sending once."""

    __tablename__ = "outbox"
    __table_args__ = (sa.Index(None, "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[MailKind] = mapped_column(enum_type(MailKind, "mail_kind"))
    partner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="SET NULL"), index=True
    )
    month: Mapped[Month | None] = mapped_column(MonthType())  # campaign and reminder
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(250))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[MailStatus] = mapped_column(
        enum_type(MailStatus, "mail_status"), default=MailStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(120))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(sa.Text)  # the error's class and SMTP code
    message_id: Mapped[str] = mapped_column(sa.String(250))  # the Message-ID header
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
