"""Caf staff accounts, their server-side sessions and the audit journal of every staff action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cmg_core.db.base import Base, Timestamps
from cmg_core.db.enums import Role
from cmg_core.db.types import UtcDateTime, enum_type, utcnow


class StaffUser(Timestamps, Base):
    """A staff account: local (argon2 hash) or OpenID Connect (subject)."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[Role] = mapped_column(enum_type(Role, "staff_role"))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))  # argon2id; None: OIDC only
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    must_change_password: Mapped[bool] = mapped_column(default=False)  # temporary password
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    active: Mapped[bool] = mapped_column(default=True)
    oidc_subject: Mapped[str | None] = mapped_column(sa.String(255), unique=True)


class StaffSession(Base):
    """A signed-in member of staff in one browser, referenced by the session cookie.

    Created with a one-time sign-in ticket (`ticket_hash`), which the portal's session route
    exchanges for the cookie's token (`token_hash`); only SHA-256 digests are stored. Ended
    (`ended_at`) by sign-out, 30 minutes idle, a role change or a deactivation.
    """

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(sa.String(20))  # password | oidc
    ticket_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    ticket_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    end_reason: Mapped[str | None] = mapped_column(sa.String(20))


class SignInThrottle(Base):
    """Failed sign-ins of one e-mail (SHA-256 digest; "" for any e-mail) from one client
    address, and the time before which the next attempt is refused (`cmg_core.staff.throttle`).
    """

    __tablename__ = "sign_in_throttles"

    email_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    address: Mapped[str] = mapped_column(sa.String(45), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    blocked_until: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditEntry(Base):
    """One staff action: who, what, on which target, with which details, when."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index(None, "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="SET NULL"), index=True
    )
    actor_email: Mapped[str] = mapped_column(sa.String(254))  # kept if the account goes
    action: Mapped[str] = mapped_column(sa.String(60), index=True)  # e.g. queue.resolve
    target_type: Mapped[str | None] = mapped_column(sa.String(40))
    target_id: Mapped[str | None] = mapped_column(sa.String(60))
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
