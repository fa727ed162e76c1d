"""Staff sign-in: local accounts (argon2), lockout after repeated failures, and the mapping of
an OpenID Connect e-mail to a staff account (the session that follows: `sessions`).

`sign_in` writes the outcome to the audit journal in the caller's transaction. Failures return
a `SignInRefused` with a French message that does not say whether the e-mail exists, except
for a locked account (its owner must know why and until when).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import Role
from cmg_core.db.models import StaffUser
from cmg_core.db.types import utcnow
from cmg_core.documents.formats import paris_time
from cmg_core.staff import audit
from cmg_core.staff.passwords import hash_password, needs_rehash, verify_password

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
LOCK_RULE = "Compte verrouillé pendant 15 minutes après 5 essais infructueux."
WRONG_CREDENTIALS = "Adresse électronique ou mot de passe incorrect."


class Refusal(StrEnum):
    WRONG_CREDENTIALS = "wrong_credentials"
    LOCKED = "locked"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class SignedIn:
    """The staff member a portal session acts for (read from the database on each page)."""

    user_id: int
    email: str
    role: Role
    display_name: str = ""
    session_id: int | None = None  # the server-side session (`cmg_core.staff.sessions`)


@dataclass(frozen=True)
class SignInRefused:
    reason: Refusal
    message: str  # French, shown as is
    locked_until: datetime | None = None


class AccountExistsError(ValueError):
    """A staff account already uses this e-mail."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> StaffUser | None:
    return session.scalars(
        sa.select(StaffUser).where(StaffUser.email == normalise_email(email))
    ).one_or_none()


def create_user(
    session: Session, email: str, role: Role | str, password: str | None, display_name: str = ""
) -> StaffUser:
    """A new active account; `password=None` makes an OpenID Connect-only account."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValueError("Adresse électronique invalide.")
    if find_user(session, email) is not None:
        raise AccountExistsError(f"Un compte existe déjà pour {email}.")
    user = StaffUser(
        email=email,
        role=Role(role),
        display_name=display_name,
        password_hash=None if password is None else hash_password(password),
        password_changed_at=None if password is None else utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def set_password(user: StaffUser, password: str) -> None:
    """Replace the password; also unlocks the account."""
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    unlock(user)


def unlock(user: StaffUser) -> None:
    user.failed_attempts = 0
    user.locked_until = None


def is_locked(user: StaffUser, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def locked_message(until: datetime) -> str:
    return f"{LOCK_RULE} Vous pourrez réessayer à {paris_time(until):%H:%M}."


def sign_in(
    session: Session, email: str, password: str, now: datetime | None = None
) -> SignedIn | SignInRefused:
    """Check a local sign-in, count failures, lock after `MAX_FAILURES`, journal the outcome."""
    now = now or utcnow()
    typed = normalise_email(email)
    user = session.scalars(
        sa.select(StaffUser).where(StaffUser.email == typed).with_for_update()
    ).one_or_none()
    if user is None:
        verify_password(None, password)  # same work as for a known account
        audit.record(session, audit.Actor(None, typed), "auth.sign_in_failed", reason="unknown")
        return SignInRefused(Refusal.WRONG_CREDENTIALS, WRONG_CREDENTIALS)
    actor = audit.Actor.of(user)
    if is_locked(user, now):
        audit.record(session, actor, "auth.sign_in_failed", "staff_user", user.id, reason="locked")
        return SignInRefused(Refusal.LOCKED, locked_message(user.locked_until), user.locked_until)
    if user.locked_until is not None:  # the lock has expired: a fresh start
        unlock(user)
    if not verify_password(user.password_hash, password):
        return _count_failure(session, user, now)
    if not user.active:
        audit.record(
            session, actor, "auth.sign_in_failed", "staff_user", user.id, reason="inactive"
        )
        return SignInRefused(
            Refusal.INACTIVE, "Ce compte est désactivé. Adressez-vous à un administrateur."
        )
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    unlock(user)
    user.last_login_at = now
    audit.record(session, actor, "auth.sign_in", "staff_user", user.id, method="password")
    return signed_in(user)


def _count_failure(session: Session, user: StaffUser, now: datetime) -> SignInRefused:
    user.failed_attempts += 1
    actor = audit.Actor.of(user)
    audit.record(
        session, actor, "auth.sign_in_failed", "staff_user", user.id, reason="wrong_password"
    )
    if user.failed_attempts < MAX_FAILURES:
        return SignInRefused(Refusal.WRONG_CREDENTIALS, WRONG_CREDENTIALS)
    user.locked_until = now + LOCK_DURATION
    audit.record(session, actor, "auth.locked", "staff_user", user.id, until=now.isoformat())
    return SignInRefused(Refusal.LOCKED, locked_message(user.locked_until), user.locked_until)


def sign_in_oidc(
    session: Session, email: str | None, subject: str | None = None, now: datetime | None = None
) -> SignedIn | SignInRefused:
    """Map an e-mail proven by the identity provider to an active staff account."""
    now = now or utcnow()
    user = find_user(session, email or "") if email else None
    if user is None or not user.active:
        audit.record(
            session,
            audit.Actor(None, normalise_email(email or "")),
            "auth.sign_in_failed",
            reason="oidc_no_account",
        )
        return SignInRefused(
            Refusal.INACTIVE,
            "Votre identité est reconnue, mais aucun compte actif du portail ne correspond à "
            "votre adresse. Adressez-vous à un administrateur.",
        )
    if subject and user.oidc_subject is None:
        user.oidc_subject = subject
    user.last_login_at = now
    audit.record(
        session, audit.Actor.of(user), "auth.sign_in", "staff_user", user.id, method="oidc"
    )
    return signed_in(user)


def signed_in(user: StaffUser, session_id: int | None = None) -> SignedIn:
    return SignedIn(user.id, user.email, Role(user.role), user.display_name, session_id)
