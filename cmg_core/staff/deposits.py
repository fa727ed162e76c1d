"""Deposits for the Dépôts page: the partners × months matrix and one deposit in detail.

"En retard" (late) means: no deposit at all after the deadline of `cmg_core.partners.deadline`
(`CMG_DEPOSIT_DEADLINE_DAY` of the month that follows the declared month, the rule the
reminders use too). Before that day a missing file is "manquant" (still expected).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import DepositStatus
from cmg_core.db.models import Bilan, Deposit, DepositLine, DsDossier, Partner
from cmg_core.guide import ds_public_base
from cmg_core.partners.deadline import is_late
from cmg_core.templates import TemplateCode
from cmg_core.values import Month


class Cell(StrEnum):
    FILED = "filed"
    CORRECTED = "corrected"
    TO_CORRECT = "to_correct"
    MISSING = "missing"
    LATE = "late"


CELL_LABELS = {
    Cell.FILED: "déposé",
    Cell.CORRECTED: "corrigé",
    Cell.TO_CORRECT: "à corriger",
    Cell.MISSING: "manquant",
    Cell.LATE: "en retard",
}


def cell_for(deposit: Deposit | None, month: Month, today: date) -> Cell:
    if deposit is None:
        return Cell.LATE if is_late(month, today) else Cell.MISSING
    if deposit.status in (DepositStatus.CORRECTION_REQUESTED, DepositStatus.INVALID):
        return Cell.TO_CORRECT
    return Cell.CORRECTED if deposit.attempt > 1 else Cell.FILED


@dataclass
class PartnerRow:
    partner_id: int
    name: str
    siret: str
    kind: TemplateCode
    cells: dict[Month, Cell] = field(default_factory=dict)
    deposit_ids: dict[Month, int] = field(default_factory=dict)


def matrix(
    session: Session,
    months: list[Month],
    today: date,
    kind: TemplateCode | None = None,
    search: str = "",
) -> list[PartnerRow]:
    """One row per active partner (filtered by kind and name/SIRET text), one cell per month."""
    query = sa.select(Partner).where(Partner.active.is_(True)).order_by(Partner.name)
    if kind is not None:
        query = query.where(Partner.kind == kind)
    if search.strip():
        text = f"%{search.strip()}%"
        query = query.where(sa.or_(Partner.name.ilike(text), Partner.siret.like(text)))
    partners = list(session.scalars(query))
    current = {
        (d.partner_id, d.month): d
        for d in session.scalars(
            sa.select(Deposit).where(
                Deposit.is_current.is_(True),
                Deposit.month.in_(months),
                Deposit.partner_id.in_([p.id for p in partners]),
            )
        )
    }
    rows = []
    for partner in partners:
        row = PartnerRow(partner.id, partner.name, partner.siret, TemplateCode(partner.kind))
        for month in months:
            deposit = current.get((partner.id, month))
            row.cells[month] = cell_for(deposit, month, today)
            if deposit is not None:
                row.deposit_ids[month] = deposit.id
        rows.append(row)
    return rows


@dataclass(frozen=True)
class DepositDetail:
    deposit: Deposit
    partner: Partner | None
    dossier: DsDossier
    lines: list[DepositLine]
    bilan: Bilan | None
    history: list[Deposit]  # every file for the same SIRET × month × template, oldest first
    ds_url: str


def dossier_url(dossier: DsDossier) -> str:
    """The instructeur's page of a dossier on DS."""
    return f"{ds_public_base()}/procedures/{dossier.demarche_number}/dossiers/{dossier.number}"


def detail(session: Session, deposit_id: int) -> DepositDetail | None:
    deposit = session.get(Deposit, deposit_id)
    if deposit is None:
        return None
    dossier = session.get_one(DsDossier, deposit.dossier_id)
    history = list(
        session.scalars(
            sa.select(Deposit)
            .where(
                Deposit.siret == deposit.siret,
                Deposit.month == deposit.month,
                Deposit.template == deposit.template,
            )
            .order_by(Deposit.attempt, Deposit.id)
        )
    )
    return DepositDetail(
        deposit=deposit,
        partner=session.get(Partner, deposit.partner_id) if deposit.partner_id else None,
        dossier=dossier,
        lines=list(deposit.lines),
        bilan=session.scalars(sa.select(Bilan).where(Bilan.deposit_id == deposit.id)).first(),
        history=history,
        ds_url=dossier_url(dossier),
    )


DS_WORDS = {
    "en_construction": "en construction",
    "en_instruction": "en instruction",
    "accepte": "accepté",
    "refuse": "refusé",
    "sans_suite": "classé sans suite",
    "correction": "correction demandée",
}


def ds_word(value: str) -> str:
    """A DS state or a back-office decision (`accepte`, `correction`…) in plain French."""
    return DS_WORDS.get(value, value.replace("_", " "))
