"""End of processing for a deposit: report the children declared by the structure the month
before, without an end-of-care date, and missing from this month's deposit (`AbsentChild`),
then mark the deposit `processed` (ready for its bilan)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice.caf_families import name_key
from cmg_core.backoffice.claim import claim_one
from cmg_core.backoffice.context import StageContext
from cmg_core.db.enums import DepositStatus, LineOutcome
from cmg_core.db.models import AbsentChild, Deposit, DepositLine


def _complete() -> sa.Select[tuple[Deposit]]:
    """Current accepted deposits with no line left pending."""
    # SQLite probes the (deposit_id, attestation_id) index here (tests/backoffice/
    # test_query_plans.py); PostgreSQL too, one deposit at a time (see complete_deposits)
    pending = sa.select(DepositLine.id).where(
        DepositLine.deposit_id == Deposit.id, DepositLine.outcome == LineOutcome.PENDING
    )
    return (
        sa.select(Deposit)
        .where(
            Deposit.status == DepositStatus.ACCEPTED,
            Deposit.is_current.is_(True),
            ~pending.exists(),
        )
        .order_by(Deposit.id)
    )


def complete_deposits(ctx: StageContext) -> None:
    """Complete every deposit whose lines are all decided. The candidates are read once per
    pass; each is then claimed alone, its lines checked again under the lock (another worker
    may have completed it, or a correction superseded it, since). A pass that completes
    nothing ends the loop — asking for "the first completable deposit" again and again would
    re-check every deposit's lines each time."""
    while True:
        with ctx.session() as session:
            candidates = list(session.scalars(_complete().with_only_columns(Deposit.id)))
        completed = 0
        for deposit_id in candidates:
            with ctx.session() as session:
                deposit = claim_one(session, _complete().where(Deposit.id == deposit_id))
                if deposit is None:
                    continue
                ctx.counts["absent_children"] += report_absent(session, deposit)
                deposit.status = DepositStatus.PROCESSED
                ctx.counts["deposits_processed"] += 1
                completed += 1
            ctx.checkpoint()
        if not completed:
            return


def _key(line: DepositLine) -> tuple[str, str, object]:
    return line.allocataire_number, name_key(line.child_first_name), line.birth_date


def report_absent(session: Session, deposit: Deposit) -> int:
    """Record the absent children of `deposit`; how many were new."""
    previous = session.scalars(
        sa.select(Deposit).where(
            Deposit.siret == deposit.siret,
            Deposit.template == deposit.template,
            Deposit.month == deposit.month.shift(-1),
            Deposit.is_current.is_(True),
        )
    ).first()
    if previous is None:
        return 0
    present = {_key(line) for line in _lines(session, deposit.id)}
    already = {
        (a.allocataire_number, name_key(a.child_first_name), a.birth_date)
        for a in session.scalars(sa.select(AbsentChild).where(AbsentChild.deposit_id == deposit.id))
    }
    added = 0
    for line in _lines(session, previous.id):
        key = _key(line)
        if line.end_date is not None or key in present or key in already:
            continue
        already.add(key)
        session.add(
            AbsentChild(
                deposit_id=deposit.id,
                allocataire_number=line.allocataire_number,
                child_last_name=line.child_last_name or "",
                child_first_name=line.child_first_name or "",
                birth_date=line.birth_date,
                previous_deposit_id=previous.id,
            )
        )
        added += 1
    return added


def _lines(session: Session, deposit_id: int) -> list[DepositLine]:
    return list(session.scalars(sa.select(DepositLine).where(DepositLine.deposit_id == deposit_id)))
