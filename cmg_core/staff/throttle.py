"""Sign-in throttling: delays that grow with the failures of one (e-mail, client address) pair
and of one client address, kept in the database so that every replica sees them.

There is no lock: failures only delay the next attempts *from the same address*, so nobody can
keep a member of staff out of their account from elsewhere. An e-mail is throttled the same
way whether or not an account uses it (stored as a SHA-256 digest, never in clear), so the
answers say nothing about which accounts exist.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.models import SignInThrottle

PAIR_FREE_FAILURES = 3  # failures of one e-mail from one address before any delay
ADDRESS_FREE_FAILURES = 10  # failures from one address (any e-mail) before any delay
FIRST_DELAY = timedelta(seconds=30)  # then doubled at each failure
LONGEST_DELAY = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=24)  # failures older than this no longer count
ANY_EMAIL = ""  # the email_hash of the per-address row


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def delay(failures: int, free: int) -> timedelta:
    """No delay for the first `free` failures, then 30 s, 1 min, 2 min… up to 15 minutes."""
    if failures < free:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(failures - free, 20), LONGEST_DELAY)


def _rows(session: Session, email: str, address: str) -> list[SignInThrottle]:
    return list(
        session.scalars(
            sa.select(SignInThrottle).where(
                SignInThrottle.address == address,
                SignInThrottle.email_hash.in_((email_hash(email), ANY_EMAIL)),
            )
        )
    )


def blocked_until(session: Session, email: str, address: str, now: datetime) -> datetime | None:
    """The time before which an attempt for `email` from `address` is refused unchecked."""
    until = [r.blocked_until for r in _rows(session, email, address) if r.blocked_until > now]
    return max(until, default=None)


def record_failure(session: Session, email: str, address: str, now: datetime) -> None:
    """Count a failed attempt for the pair and for the address; set their next delays."""
    session.execute(
        sa.delete(SignInThrottle).where(SignInThrottle.last_failure_at < now - FORGET_AFTER)
    )
    rows = {r.email_hash: r for r in _rows(session, email, address)}
    for key, free in ((email_hash(email), PAIR_FREE_FAILURES), (ANY_EMAIL, ADDRESS_FREE_FAILURES)):
        row = rows.get(key)
        if row is None:
            row = SignInThrottle(email_hash=key, address=address, failures=0)
            session.add(row)
        row.failures += 1
        row.last_failure_at = now
        row.blocked_until = now + delay(row.failures, free)
    session.flush()


def record_success(session: Session, email: str, address: str) -> None:
    """A right password clears the pair's failures (not the address's: one account's owner
    must not wipe out the failures of guesses at other accounts)."""
    session.execute(
        sa.delete(SignInThrottle).where(
            SignInThrottle.email_hash == email_hash(email), SignInThrottle.address == address
        )
    )


def forget_email(session: Session, email: str) -> int:
    """Clear every delay on an e-mail (the `users unlock` command); the rows removed."""
    result = session.execute(
        sa.delete(SignInThrottle).where(SignInThrottle.email_hash == email_hash(email))
    )
    return result.rowcount
