"""Making a deposit current: the correction rule (SPEC §4 intake) in one transaction.

A new file for the same SIRET × month × template replaces the current deposit: the old one
stops being current and points to its successor. The database's partial unique index refuses
two current deposits, so two workers racing on the same key cannot both win.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import DepositStatus
from cmg_core.db.models import Deposit
from cmg_core.db.types import utcnow


def current_deposit(session: Session, deposit: Deposit) -> Deposit | None:
    """The deposit currently standing for `deposit`'s SIRET × month × template, if any."""
    if deposit.month is None:
        return None
    return session.scalars(
        sa.select(Deposit).where(
            Deposit.siret == deposit.siret,
            Deposit.month == deposit.month,
            Deposit.template == deposit.template,
            Deposit.is_current.is_(True),
            Deposit.id != deposit.id if deposit.id is not None else sa.true(),
        )
    ).one_or_none()


def add_current(session: Session, deposit: Deposit) -> Deposit | None:
    """Add `deposit` as the current one for its key; returns the deposit it supersedes.

    Flushes; an `IntegrityError` means another transaction made a deposit current for the same
    key at the same time (the caller retries or gives up its claim).
    """
    previous = current_deposit(session, deposit)
    deposit.is_current = True
    if previous is not None:
        previous.is_current = False
        deposit.attempt = previous.attempt + 1
        session.flush()  # the old one stops being current before the new one appears
    session.add(deposit)
    session.flush()
    if previous is not None:
        previous.superseded_by_id = deposit.id
        previous.superseded_at = utcnow()
        previous.status = DepositStatus.SUPERSEDED
        session.flush()
    return previous
