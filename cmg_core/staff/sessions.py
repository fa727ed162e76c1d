"""Server-side staff sessions: a one-time sign-in ticket, exchanged by the portal's session
route for a signed cookie; the session the cookie names, checked on every page.

A reload, a new tab or a bookmark keeps the session; it ends at sign-out, after
`IDLE_TIMEOUT` without action, or at once for every session of an account whose role changes
or which is deactivated. Only SHA-256 digests of the ticket and of the cookie's token are
stored; the cookie also carries an HMAC by `CMG_SESSION_SECRET`, shared by every replica.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.db.models import StaffSession, StaffUser
from cmg_core.db.types import utcnow
from cmg_core.staff import audit
from cmg_core.staff.auth import SignedIn, signed_in

COOKIE_NAME = "cmg_staff_session"
TICKET_LIFETIME = timedelta(seconds=60)
IDLE_TIMEOUT = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at is rewritten at most this often
MIN_SECRET_LENGTH = 32


class EndReason(StrEnum):
    SIGN_OUT = "sign_out"
    IDLE = "idle"
    ROLE_CHANGE = "role_change"
    DEACTIVATED = "deactivated"


class SessionSecretError(RuntimeError):
    """`CMG_SESSION_SECRET` is missing or too short (the message is French, for people)."""


@dataclass(frozen=True)
class Ended:
    """The cookie named a session that has just ended (so the page can say why)."""

    reason: EndReason


def _secret() -> bytes:
    value = settings.get("CMG_SESSION_SECRET")
    if len(value) < MIN_SECRET_LENGTH:
        raise SessionSecretError(
            "La connexion du personnel n'est pas configurée : CMG_SESSION_SECRET doit compter "
            f"au moins {MIN_SECRET_LENGTH} caractères."
        )
    return value.encode()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _signature(token: str) -> str:
    return hmac.new(_secret(), token.encode(), hashlib.sha256).hexdigest()


def sign(token: str) -> str:
    """The cookie value for a session token: the token and its HMAC."""
    return f"{token}.{_signature(token)}"


def unsign(cookie: str) -> str | None:
    """The token of a cookie value whose signature is right; None otherwise."""
    token, _, signature = cookie.rpartition(".")
    if not token or not hmac.compare_digest(signature, _signature(token)):
        return None
    return token


def open_session(session: Session, who: SignedIn, method: str, now: datetime | None = None) -> str:
    """A new session for `who`, not usable yet; returns its one-time sign-in ticket."""
    now = now or utcnow()
    _secret()  # refuse early, before a ticket is handed out, when no secret is configured
    ticket = secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            user_id=who.user_id,
            method=method,
            ticket_hash=_digest(ticket),
            ticket_expires_at=now + TICKET_LIFETIME,
            created_at=now,
            last_seen_at=now,
        )
    )
    session.flush()
    return ticket


def exchange_ticket(session: Session, ticket: str, now: datetime | None = None) -> str | None:
    """The cookie value for a valid, unused, unexpired ticket (which is spent); else None."""
    now = now or utcnow()
    row = session.scalars(
        sa.select(StaffSession).where(StaffSession.ticket_hash == _digest(ticket)).with_for_update()
    ).one_or_none()
    if row is None:
        return None
    row.ticket_hash = None  # spent, whatever happens next
    expired = row.ticket_expires_at is None or row.ticket_expires_at <= now
    row.ticket_expires_at = None
    if expired or row.ended_at is not None:
        return None
    token = secrets.token_urlsafe(32)
    row.token_hash = _digest(token)
    row.last_seen_at = now
    return sign(token)


def resume(
    session: Session, cookie: str | None, now: datetime | None = None
) -> SignedIn | Ended | None:
    """The member of staff a session cookie names, as the account stands now.

    None for no cookie, a forged one or a session already over; `Ended` when the session ends
    on this very check (idle too long, or the account was deactivated).
    """
    token = unsign(cookie) if cookie else None
    if token is None:
        return None
    row = session.scalars(
        sa.select(StaffSession).where(StaffSession.token_hash == _digest(token))
    ).one_or_none()
    if row is None or row.ended_at is not None:
        return None
    now = now or utcnow()
    user = session.get_one(StaffUser, row.user_id)
    if not user.active:
        return _end(session, row, EndReason.DEACTIVATED, now)
    if now - row.last_seen_at >= IDLE_TIMEOUT:
        return _end(session, row, EndReason.IDLE, now)
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return signed_in(user, session_id=row.id)


def _end(session: Session, row: StaffSession, reason: EndReason, now: datetime) -> Ended:
    row.ended_at, row.end_reason = now, reason.value
    row.ticket_hash = row.ticket_expires_at = None
    user = session.get_one(StaffUser, row.user_id)
    action = {EndReason.SIGN_OUT: "auth.sign_out", EndReason.IDLE: "auth.timeout"}.get(
        reason, "auth.session_revoked"
    )
    audit.record(session, audit.Actor.of(user), action, "staff_user", user.id, reason=reason.value)
    return Ended(reason)


def sign_out(session: Session, who: SignedIn, now: datetime | None = None) -> None:
    """End the session `who` signed in with (journaled)."""
    row = session.get(StaffSession, who.session_id) if who.session_id else None
    if row is not None and row.ended_at is None:
        _end(session, row, EndReason.SIGN_OUT, now or utcnow())


def revoke_all(
    session: Session, user_id: int, reason: EndReason, now: datetime | None = None
) -> int:
    """End every open session of an account at once (role change, deactivation)."""
    now = now or utcnow()
    rows = session.scalars(
        sa.select(StaffSession).where(
            StaffSession.user_id == user_id, StaffSession.ended_at.is_(None)
        )
    ).all()
    for row in rows:
        _end(session, row, reason, now)
    return len(rows)
