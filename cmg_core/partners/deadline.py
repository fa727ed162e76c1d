"""When a month's file is due, and who has filed it: the one rule the campaign, the reminders
stage and the staff Dépôts page share.

Month M is *elapsed* from the first day of M+1. Its file is *late* after day
`CMG_DEPOSIT_DEADLINE_DAY` (10 by default) of M+1: for March, nothing by the evening of 10 April.
A partner has *filed* M when its current deposit for M was accepted or processed; a file sent
back for correction does not count.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.db.enums import DepositStatus
from cmg_core.db.models import Deposit, Partner
from cmg_core.values import FRENCH_MONTHS, Month

FILED = (DepositStatus.ACCEPTED, DepositStatus.PROCESSED)


def deadline_day() -> int:
    """The setting, kept within every month's days (1 to 28)."""
    return min(max(settings.get_int("CMG_DEPOSIT_DEADLINE_DAY"), 1), 28)


def deadline(month: Month) -> date:
    """The last day to file for `month` (day `deadline_day()` of the following month)."""
    following = month.shift(1)
    return date(following.year, following.month, deadline_day())


def is_elapsed(month: Month, today: date) -> bool:
    return month < Month.of(today)


def is_late(month: Month, today: date) -> bool:
    """Past the deadline: a month not filed by now is late."""
    return today > deadline(month)


def late_rule() -> str:
    """The rule in French, for pages."""
    example = deadline(Month(2026, 3))
    return (
        f"« En retard » : aucun dépôt le {deadline_day()} du mois qui suit le mois déclaré au "
        f"soir (par exemple, pour mars : rien au {example.day} {FRENCH_MONTHS[example.month - 1]})."
        " Avant cette date, le fichier est « manquant »."
    )


def filed_partner_ids(session: Session, month: Month) -> set[int]:
    """Partners whose current deposit for `month` was accepted or processed."""
    return set(
        session.scalars(
            sa.select(Deposit.partner_id).where(
                Deposit.month == month,
                Deposit.is_current.is_(True),
                Deposit.status.in_(FILED),
                Deposit.partner_id.is_not(None),
            )
        )
    )


def unfiled_partners(session: Session, month: Month) -> list[Partner]:
    """Active partners that have not filed `month`, by name."""
    filed = filed_partner_ids(session, month)
    active = session.scalars(
        sa.select(Partner).where(Partner.active.is_(True)).order_by(Partner.name)
    )
    return [p for p in active if p.id not in filed]
