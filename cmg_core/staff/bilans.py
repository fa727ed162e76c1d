"""Finding bilans de traitement for the Bilans page (the files themselves are in storage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.models import Bilan, Deposit, DsDossier, Partner
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

# what the bilan stage writes in `bilans.counts`, in French, in reading order
COUNT_LABELS = {
    "received": "lignes reçues",
    "processed": "traitées",
    "to_manager": "transmises à un gestionnaire",
    "rejected": "rejetées",
    "withdrawn": "familles retirées",
}
REPLACED = "dépôt remplacé par un fichier plus récent du même mois, qui porte le bilan"


def counts_text(counts: dict[str, Any]) -> str:
    """`lignes reçues : 281 · traitées : 244 · …`; a count not known here keeps its key."""
    if counts.get("replaced"):
        return REPLACED
    shown = [f"{name} : {counts[key]}" for key, name in COUNT_LABELS.items() if key in counts]
    shown += [f"{key} : {n}" for key, n in sorted(counts.items()) if key not in COUNT_LABELS]
    return " · ".join(shown)


@dataclass(frozen=True)
class BilanRow:
    id: int
    deposit_id: int
    partner_name: str
    siret: str
    kind: TemplateCode
    month: Month | None
    dossier_number: int
    counts: dict[str, Any]
    created_at: datetime
    sent_to_ds_at: datetime | None
    pdf_key: str | None
    xlsx_key: str | None


def search(
    session: Session, text: str = "", month: Month | None = None, limit: int = 500
) -> list[BilanRow]:
    """Bilans newest first, filtered by partner name or SIRET text and declared month."""
    query = (
        sa.select(Bilan, Deposit, Partner.name, DsDossier.number)
        .join(Deposit, Deposit.id == Bilan.deposit_id)
        .join(DsDossier, DsDossier.id == Deposit.dossier_id)
        .outerjoin(Partner, Partner.id == Deposit.partner_id)
        .order_by(Bilan.created_at.desc(), Bilan.id.desc())
    )
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(sa.or_(Partner.name.ilike(pattern), Deposit.siret.like(pattern)))
    if month is not None:
        query = query.where(Deposit.month == month)
    return [
        BilanRow(
            id=bilan.id,
            deposit_id=deposit.id,
            partner_name=name or "",
            siret=deposit.siret,
            kind=TemplateCode(deposit.template),
            month=deposit.month,
            dossier_number=number,
            counts=dict(bilan.counts or {}),
            created_at=bilan.created_at,
            sent_to_ds_at=bilan.sent_to_ds_at,
            pdf_key=bilan.pdf_key,
            xlsx_key=bilan.xlsx_key,
        )
        for bilan, deposit, name, number in session.execute(query.limit(limit))
    ]


def bilan_months(session: Session) -> list[Month]:
    """Declared months that have a bilan, newest first."""
    months = session.scalars(
        sa.select(Deposit.month).join(Bilan, Bilan.deposit_id == Deposit.id).distinct()
    )
    return sorted((m for m in months if m is not None), reverse=True)


def file_name(row: BilanRow, suffix: str) -> str:
    """`bilan-12345678200010-2026-03.pdf`."""
    month = row.month.iso if row.month else "mois-inconnu"
    return f"bilan-{row.siret}-{month}{suffix}"
