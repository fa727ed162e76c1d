"""The numbers of the Tableau de bord: one declared month at a glance, and series over months.

Series are pandas frames indexed by month as `AAAA-MM` (so charts sort them in time order),
with French column names ready to draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import LineOutcome, QueueReason, capitalised
from cmg_core.db.models import Deposit, DepositLine, Partner, QueueItem
from cmg_core.db.types import utcnow
from cmg_core.staff.queue import UNRESOLVED, age_days
from cmg_core.values import Month


def last_elapsed_month(now: datetime | None = None) -> Month:
    """The month partners are filing for now: the one before today's."""
    return Month.of((now or utcnow()).date()).shift(-1)


def recent_months(count: int, now: datetime | None = None) -> list[Month]:
    """The `count` elapsed months up to the last one, oldest first."""
    last = last_elapsed_month(now)
    return [last.shift(-n) for n in range(count - 1, -1, -1)]


@dataclass(frozen=True)
class MonthSummary:
    month: Month
    partners: int  # active partners expected to file
    deposits: int  # partners with a current deposit for the month
    lines: int
    first_try: int  # first files of the month
    first_try_valid: int
    queue_open: int  # all unresolved cases, whatever their month
    queue_oldest_days: int
    queue_median_days: float

    @property
    def first_try_share(self) -> float | None:
        return None if not self.first_try else self.first_try_valid / self.first_try


def month_summary(session: Session, month: Month, now: datetime | None = None) -> MonthSummary:
    now = now or utcnow()
    current = sa.and_(Deposit.month == month, Deposit.is_current.is_(True))
    first = session.execute(
        sa.select(sa.func.count(), sa.func.count().filter(Deposit.valid.is_(True))).where(
            Deposit.month == month, Deposit.attempt == 1
        )
    ).one()
    ages = [
        age_days(at, now)
        for at in session.scalars(
            sa.select(QueueItem.created_at).where(QueueItem.status.in_(UNRESOLVED))
        )
    ]
    return MonthSummary(
        month=month,
        partners=session.scalar(sa.select(sa.func.count()).where(Partner.active.is_(True))) or 0,
        deposits=session.scalar(
            sa.select(sa.func.count(sa.distinct(Deposit.partner_id))).where(current)
        )
        or 0,
        lines=session.scalar(
            sa.select(sa.func.count()).select_from(DepositLine).join(Deposit).where(current)
        )
        or 0,
        first_try=first[0],
        first_try_valid=first[1],
        queue_open=len(ages),
        queue_oldest_days=max(ages, default=0),
        queue_median_days=float(median(ages)) if ages else 0.0,
    )


def _frame(rows, months: list[Month], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(0, index=[m.iso for m in months], columns=columns, dtype="int64")
    for month, column, count in rows:
        if month is not None and month.iso in frame.index and column in frame.columns:
            frame.loc[month.iso, column] += int(count)
    frame.index.name = "Mois"
    return frame


def deposits_by_month(session: Session, months: list[Month]) -> pd.DataFrame:
    """Files received per declared month: first files and corrections."""
    kind = sa.case((Deposit.attempt == 1, "Premiers dépôts"), else_="Corrections")
    rows = session.execute(
        sa.select(Deposit.month, kind, sa.func.count())
        .where(Deposit.month.in_(months))
        .group_by(Deposit.month, kind)
    )
    return _frame(rows, months, ["Premiers dépôts", "Corrections"])


def outcomes_by_month(session: Session, months: list[Month]) -> pd.DataFrame:
    """Lines of the current deposits per declared month, by outcome (French labels)."""
    rows = session.execute(
        sa.select(Deposit.month, DepositLine.outcome, sa.func.count())
        .join(Deposit)
        .where(Deposit.month.in_(months), Deposit.is_current.is_(True))
        .group_by(Deposit.month, DepositLine.outcome)
    )
    labelled = [(m, capitalised(LineOutcome(o)), n) for m, o, n in rows]
    return _frame(labelled, months, [capitalised(o) for o in LineOutcome])


def lines_by_month(session: Session, months: list[Month]) -> pd.DataFrame:
    """Total lines of the current deposits per declared month."""
    outcomes = outcomes_by_month(session, months)
    return pd.DataFrame({"Lignes déclarées": outcomes.sum(axis=1)})


def queue_reasons_by_month(session: Session, months: list[Month]) -> pd.DataFrame:
    """Cases sent to the manual queue per declared month, by reason (French labels)."""
    rows = session.execute(
        sa.select(QueueItem.month, QueueItem.reason, sa.func.count())
        .where(QueueItem.month.in_(months))
        .group_by(QueueItem.month, QueueItem.reason)
    )
    labelled = [(m, capitalised(QueueReason(r)), n) for m, r, n in rows]
    return _frame(labelled, months, [capitalised(r) for r in QueueReason])
