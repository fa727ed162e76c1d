"""Managing staff accounts (create, change role, activate, lift sign-in delays, change one's
own password) and the demo accounts of `make run`; every change journaled."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.db.enums import Role
from cmg_core.db.models import StaffUser
from cmg_core.staff import audit, sessions, throttle
from cmg_core.staff.auth import DEMO_DOMAIN, create_user, find_user, set_password
from cmg_core.staff.passwords import WeakPasswordError, check_policy, verify_password

DEMO_ACCOUNTS: tuple[tuple[str, Role, str], ...] = (
    (f"agent@{DEMO_DOMAIN}", Role.AGENT, "Agent de démonstration"),
    (f"gca@{DEMO_DOMAIN}", Role.GCA, "GCA de démonstration"),
    (f"admin@{DEMO_DOMAIN}", Role.ADMIN, "Administrateur de démonstration"),
)
SYSTEM = audit.Actor(None, "ligne de commande")


def all_users(session: Session) -> list[StaffUser]:
    return list(session.scalars(sa.select(StaffUser).order_by(StaffUser.email)))


def add_user(
    session: Session,
    email: str,
    role: Role | str,
    password: str | None,
    by: audit.Actor = SYSTEM,
    *,
    display_name: str = "",
    temporary: bool = False,
) -> StaffUser:
    """Create an account and journal it (the password never reaches the journal)."""
    user = create_user(session, email, role, password, display_name, temporary=temporary)
    audit.record(
        session,
        by,
        "user.create",
        "staff_user",
        user.id,
        role=str(user.role),
        sign_in="password" if password is not None else "oidc",
    )
    return user


def temporary_password() -> str:
    """A random password that follows the rules, for an administrator to hand over once."""
    while True:
        password = secrets.token_urlsafe(12)
        try:
            check_policy(password)
        except WeakPasswordError:
            continue
        return password


def change_own_password(session: Session, user_id: int, current: str, new: str) -> None:
    """The member of staff replaces their password (a temporary one at the first sign-in)."""
    user = session.get_one(StaffUser, user_id)
    if not verify_password(user.password_hash, current):
        raise WeakPasswordError("Le mot de passe actuel n'est pas le bon.")
    if new == current:
        raise WeakPasswordError("Choisissez un mot de passe différent de l'actuel.")
    set_password(user, new)
    audit.record(session, audit.Actor.of(user), "user.password", "staff_user", user.id)


def unlock_user(session: Session, user_id: int, by: audit.Actor) -> int:
    """Lift the sign-in delays on an account's e-mail, from every address."""
    user = session.get_one(StaffUser, user_id)
    cleared = throttle.forget_email(session, user.email)
    audit.record(session, by, "user.unlock", "staff_user", user.id)
    return cleared


def set_active(session: Session, user_id: int, active: bool, by: audit.Actor) -> None:
    user = session.get_one(StaffUser, user_id)
    if by.id == user.id and not active:
        raise ValueError("Vous ne pouvez pas désactiver votre propre compte.")
    user.active = active
    action = "user.activate" if active else "user.deactivate"
    audit.record(session, by, action, "staff_user", user.id)
    if not active:
        sessions.revoke_all(session, user.id, sessions.EndReason.DEACTIVATED)


def change_role(session: Session, user_id: int, role: Role | str, by: audit.Actor) -> None:
    """Give an account another role; its open sessions end at once (journaled)."""
    user = session.get_one(StaffUser, user_id)
    role = Role(role)
    if user.role == role:
        return
    if by.id == user.id:
        raise ValueError("Vous ne pouvez pas modifier votre propre rôle.")
    before, user.role = user.role, role
    audit.record(
        session, by, "user.role", "staff_user", user.id, before=str(before), after=str(role)
    )
    sessions.revoke_all(session, user.id, sessions.EndReason.ROLE_CHANGE)


def ensure_demo_accounts(session: Session) -> list[tuple[str, Role, str]]:
    """In demo mode (`CMG_DEMO=1`): one account per role with a fresh random password.

    Returns `(email, role, password)` for the launcher to print. Outside demo mode no demo
    account may sign in: any left by an earlier demo is deactivated and nothing is returned.
    """
    if not settings.get_bool("CMG_DEMO"):
        disable_demo_accounts(session)
        return []
    created = []
    for email, role, name in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(12)
        user = find_user(session, email)
        if user is None:
            user = create_user(session, email, role, password, display_name=name)
        else:
            set_password(user, password)
            user.role, user.active = role, True
        audit.record(session, SYSTEM, "user.demo_reset", "staff_user", user.id, role=str(role))
        created.append((email, role, password))
    return created


def disable_demo_accounts(session: Session) -> int:
    """Deactivate the demo accounts an earlier demo left (at every start outside demo mode)."""
    disabled = 0
    for email, _role, _name in DEMO_ACCOUNTS:
        user = find_user(session, email)
        if user is not None and user.active:
            user.active = False
            audit.record(session, SYSTEM, "user.deactivate", "staff_user", user.id, demo=True)
            disabled += 1
    return disabled


def demo_accounts_text(accounts: list[tuple[str, Role, str]], portal_url: str = "") -> str:
    """The lines a launcher prints for the demo accounts (French)."""
    lines = [f"Comptes Caf de démonstration (connexion : {portal_url.rstrip('/')}/connexion) :"]
    lines += [
        f"  {role.value:<6} {email}  mot de passe : {password}"
        for email, role, password in accounts
    ]
    return "\n".join(lines)
