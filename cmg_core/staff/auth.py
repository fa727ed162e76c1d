"""Staff sign-in: local accounts (argon2) with throttling, and the mapping of an OpenID Connect
e-mail to a staff account (the server-side session that follows: `sessions`).

`sign_in` writes the outcome to the audit journal in the caller's transaction. An unknown
e-mail, a demo account outside demo mode and a wrong password get the same answer after the
same work; repeated failures delay further attempts from the same address (`throttle`), the
same way whether the e-mail exists or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.db.enums import Role
from cmg_core.db.models import StaffUser
from cmg_core.db.types import utcnow
from cmg_core.staff import audit, throttle
from cmg_core.staff.passwords import hash_password, needs_rehash, rehash, verify_password

DEMO_DOMAIN = "demo.caf.invalid"  # `.invalid`: can never be a real mailbox
WRONG_CREDENTIALS = "Adresse électronique ou mot de passe incorrect."
THROTTLE_RULE = (
    "Après plusieurs essais infructueux, chaque nouvel essai depuis ce poste est retardé "
    "de quelques secondes, puis davantage."
)


class Refusal(StrEnum):
    WRONG_CREDENTIALS = "wrong_credentials"
    THROTTLED = "throttled"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class SignedIn:
    """The staff member a portal session acts for (read from the database on each page)."""

    user_id: int
    email: str
    role: Role
    display_name: str = ""
    session_id: int | None = None  # the server-side session (`cmg_core.staff.sessions`)
    must_change_password: bool = False


@dataclass(frozen=True)
class SignInRefused:
    reason: Refusal
    message: str  # French, shown as is
    retry_after: datetime | None = None


class AccountExistsError(ValueError):
    """A staff account already uses this e-mail."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def is_demo_email(email: str) -> bool:
    return normalise_email(email).endswith(f"@{DEMO_DOMAIN}")


def find_user(session: Session, email: str) -> StaffUser | None:
    return session.scalars(
        sa.select(StaffUser).where(StaffUser.email == normalise_email(email))
    ).one_or_none()


def create_user(
    session: Session,
    email: str,
    role: Role | str,
    password: str | None,
    display_name: str = "",
    *,
    temporary: bool = False,
) -> StaffUser:
    """A new active account; `password=None` makes an OpenID Connect-only account, and a
    `temporary` password must be changed at the first sign-in."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise ValueError("Adresse électronique invalide.")
    if find_user(session, email) is not None:
        raise AccountExistsError(f"Un compte existe déjà pour {email}.")
    user = StaffUser(
        email=email,
        role=Role(role),
        display_name=display_name,
        password_hash=None if password is None else hash_password(password, [email]),
        password_changed_at=None if password is None else utcnow(),
        must_change_password=password is not None and temporary,
    )
    session.add(user)
    session.flush()
    return user


def set_password(user: StaffUser, password: str, *, temporary: bool = False) -> None:
    """Replace the password (checked against the rules)."""
    user.password_hash = hash_password(password, [user.email])
    user.password_changed_at = utcnow()
    user.must_change_password = temporary


def throttled_message(until: datetime, now: datetime) -> str:
    seconds = max(1, round((until - now).total_seconds()))
    wait = (
        f"{seconds} seconde{'s' if seconds > 1 else ''}"
        if seconds < 120
        else (f"{round(seconds / 60)} minutes")
    )
    return f"Trop d'essais infructueux depuis ce poste. Réessayez dans {wait}."


def sign_in(
    session: Session, email: str, password: str, address: str, now: datetime | None = None
) -> SignedIn | SignInRefused:
    """Check a local sign-in from `address`, throttle failures, journal the outcome."""
    now = now or utcnow()
    typed = normalise_email(email)
    until = throttle.blocked_until(session, typed, address, now)
    if until is not None:
        audit.record(session, audit.Actor(None, typed), "auth.sign_in_failed", reason="throttled")
        return SignInRefused(Refusal.THROTTLED, throttled_message(until, now), until)
    user = find_user(session, typed)
    right = verify_password(user.password_hash if user else None, password)  # same work
    if user is None or not right or (is_demo_email(typed) and not settings.get_bool("CMG_DEMO")):
        throttle.record_failure(session, typed, address, now)
        actor = audit.Actor(None, typed) if user is None else audit.Actor.of(user)
        reason = "unknown" if user is None else ("wrong_password" if not right else "demo")
        audit.record(
            session,
            actor,
            "auth.sign_in_failed",
            "staff_user",
            user.id if user else None,
            reason=reason,
        )
        return SignInRefused(Refusal.WRONG_CREDENTIALS, WRONG_CREDENTIALS)
    throttle.record_success(session, typed, address)
    actor = audit.Actor.of(user)
    if not user.active:
        audit.record(
            session, actor, "auth.sign_in_failed", "staff_user", user.id, reason="inactive"
        )
        return SignInRefused(
            Refusal.INACTIVE, "Ce compte est désactivé. Adressez-vous à un administrateur."
        )
    if needs_rehash(user.password_hash):
        user.password_hash = rehash(password)
    user.last_login_at = now
    audit.record(session, actor, "auth.sign_in", "staff_user", user.id, method="password")
    return signed_in(user)


def sign_in_oidc(
    session: Session, email: str | None, subject: str | None = None, now: datetime | None = None
) -> SignedIn | SignInRefused:
    """Map an e-mail proven by the identity provider to an active staff account."""
    now = now or utcnow()
    user = find_user(session, email or "") if email else None
    if user is None or not user.active or is_demo_email(user.email):
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
    return SignedIn(
        user.id,
        user.email,
        Role(user.role),
        user.display_name,
        session_id,
        bool(user.must_change_password),
    )
