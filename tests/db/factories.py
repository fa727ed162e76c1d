"""Small builders of valid rows for database tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from cmg_core.db.enums import PartnerKind
from cmg_core.db.models import Attestation, Deposit, DsDossier, Partner
from cmg_core.values import Month

_counter = itertools.count(1)
MARCH = Month(2026, 3)


def partner(session: Session, siret: str = "12345678200010", kind=PartnerKind.MC) -> Partner:
    row = Partner(
        siret=siret,
        name="Les Petits Pas",
        kind=kind,
        convention_ref=f"CONV-{next(_counter)}",
        manager_email="gestion@example.org",
    )
    session.add(row)
    session.flush()
    return row


def dossier(session: Session, demarche: int = 1002, siret: str = "12345678200010") -> DsDossier:
    n = next(_counter)
    row = DsDossier(
        ds_id=f"RG9zc2llci0{n}",
        number=n,
        demarche_number=demarche,
        state="en_construction",
        depositor_email="saisie@example.org",
        siret=siret,
        ds_updated_at=datetime(2026, 4, 2, 9, 0, tzinfo=UTC),
    )
    session.add(row)
    session.flush()
    return row


def deposit(session: Session, owner: Partner, month: Month = MARCH, **fields) -> Deposit:
    n = next(_counter)
    values = {
        "dossier_id": dossier(session, siret=owner.siret).id,
        "partner_id": owner.id,
        "siret": owner.siret,
        "template": owner.kind,
        "month": month,
        "file_key": f"ab/cd/{n:064d}.xlsx",
        "file_sha256": f"{n:064d}",
    }
    values.update(fields)
    return Deposit(**values)


def attestation(owner: Partner, source: Deposit, number: str = "1234567") -> Attestation:
    return Attestation(
        allocataire_number=number,
        month=source.month,
        partner_id=owner.id,
        deposit_id=source.id,
        total_hours=120,
        amount=Decimal("960.50"),
    )
