"""Monthly declaration rows a partner would file, built from the seeded referential.

Used by the demo and the benchmarks to write MC/GAD files that pass the pre-check and reach
every processing path: the referential's groups (twins, locked records, unknown claims,
non-affiliated families) come through as they are, and with `unknown_child` one micro-crèche
row names a newborn the Caf does not know yet (`child_not_found`).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from cmg_core.db.models import Allocataire, Child, CmgClaim, Partner
from cmg_core.db.types import CENTS
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

MIN_AGE_DAYS = 75  # micro-crèches and home care take children from about 2.5 months
NEWBORN_NAMES = ("Maëlys", "Timéo", "Capucine", "Lisandro")


def declaration_rows(
    session: Session,
    partner: Partner,
    month: Month,
    rng: random.Random,
    *,
    unknown_child: bool = True,
) -> list[dict[str, Any]]:
    """One dict per template row (keys: the template's column keys), in allocataire order.

    Values are typed (month `MM/AAAA` text, dates, whole hours, `Decimal` amounts); MC yields
    one row per child in care, GAD one row per family.
    """
    rows: list[dict[str, Any]] = []
    ordinary: list[Allocataire] = []  # families no other processing path catches
    for allocataire, claim_known in _families_in_care(session, partner, month):
        children = [c for c in allocataire.children if _in_care(c, month)]
        if not children:
            continue
        if _is_ordinary(allocataire, claim_known):
            ordinary.append(allocataire)
        if partner.kind is TemplateCode.GAD:
            rows.append(_row(rng, partner.kind, month, allocataire.number, None))
            continue
        absent = len(children) > 1 and rng.random() < 0.08  # a sibling with no care this month
        for index, child in enumerate(children):
            rows.append(
                _row(rng, partner.kind, month, allocataire.number, child, absent and index == 0)
            )
    if unknown_child and partner.kind is TemplateCode.MC and ordinary:
        rows.append(_newborn_row(rng, month, rng.choice(ordinary)))
    return rows


def _families_in_care(
    session: Session, partner: Partner, month: Month
) -> list[tuple[Allocataire, bool]]:
    """The families with a claim on this partner covering `month`, and whether it is known."""
    active = sa.and_(
        CmgClaim.partner_id == partner.id,
        CmgClaim.start_month <= month,
        sa.or_(CmgClaim.end_month.is_(None), CmgClaim.end_month >= month),
    )
    query = (
        sa.select(Allocataire, CmgClaim.known)
        .join(CmgClaim)
        .where(active)
        .options(selectinload(Allocataire.children))
        .order_by(Allocataire.number)
    )
    return [(allocataire, known) for allocataire, known in session.execute(query)]


def _is_ordinary(allocataire: Allocataire, claim_known: bool) -> bool:
    births = [c.birth_date for c in allocataire.children]
    twins = len(set(births)) < len(births)
    return allocataire.affiliated and not allocataire.record_locked and claim_known and not twins


def _in_care(child: Child, month: Month) -> bool:
    """Old enough at the start of the month, and not past the month of the 6th birthday."""
    sixth = Month(child.birth_date.year + 6, child.birth_date.month)
    return child.birth_date <= month.first_day - timedelta(days=MIN_AGE_DAYS) and month <= sixth


def _row(
    rng: random.Random,
    kind: TemplateCode,
    month: Month,
    number: str,
    child: Child | None,
    absent: bool = False,
) -> dict[str, Any]:
    row: dict[str, Any] = {"month": str(month), "allocataire": number}
    if child is not None:
        row |= {
            "child_last_name": child.last_name.upper(),
            "child_first_name": child.first_name,
            "birth_date": child.birth_date,
        }
    if absent:
        return (
            row
            | {"total_hours": 0, "special_hours": 0, "amount": Decimal("0.00")}
            | {"end_date": _end_date(rng, month) if rng.random() < 0.5 else None}
        )
    hours = rng.randint(30, 180) if kind is TemplateCode.MC else rng.randint(16, 120)
    special = rng.randint(1, min(hours, 40)) if rng.random() < 0.12 else 0
    rate = rng.uniform(6.5, 10.0) if kind is TemplateCode.MC else rng.uniform(18.0, 27.0)
    amount = (Decimal(hours) * Decimal(str(round(rate, 2)))).quantize(CENTS)
    ended = rng.random() < 0.04
    return row | {
        "total_hours": hours,
        "special_hours": special,
        "amount": amount,
        "end_date": _end_date(rng, month) if ended else None,
    }


def _end_date(rng: random.Random, month: Month) -> date:
    return month.first_day + timedelta(days=rng.randrange(month.days))


def _newborn_row(rng: random.Random, month: Month, family: Allocataire) -> dict[str, Any]:
    """A younger sibling in care whom the family has not declared to the Caf yet."""
    taken = {c.first_name for c in family.children}
    first_name = next(n for n in NEWBORN_NAMES if n not in taken)
    born = month.first_day - timedelta(days=rng.randint(MIN_AGE_DAYS + 10, 300))
    newborn = Child(last_name=family.last_name, first_name=first_name, birth_date=born)
    return _row(rng, TemplateCode.MC, month, family.number, newborn)
