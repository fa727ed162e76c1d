"""The partners register as staff change it (command line, Partenaires page): each change of
`cmg_core.partners` with its entry in the journal, in the same transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cmg_core.db.models import Partner
from cmg_core.partners import csv_import, registry
from cmg_core.partners.fields import PartnerFields
from cmg_core.staff import audit


def add(session: Session, record: PartnerFields, by: audit.Actor) -> Partner:
    partner = registry.add(session, record)
    audit.record(session, by, "partner.create", "partner", partner.id, siret=partner.siret,
                 name=partner.name)  # fmt: skip
    return partner


def update(session: Session, siret: str, changes: dict[str, object], by: audit.Actor) -> list[str]:
    described = registry.update(session, siret, changes)
    if described:
        partner = registry.find(session, siret)
        audit.record(session, by, "partner.update", "partner", partner.id, siret=partner.siret,
                     changes=" ; ".join(described))  # fmt: skip
    return described


def set_active(
    session: Session, siret: str, active: bool, by: audit.Actor, reason: str = ""
) -> bool:
    if not registry.set_active(session, siret, active):
        return False
    partner = registry.find(session, siret)
    details = {"siret": partner.siret}
    if reason.strip():
        details["reason"] = " ".join(reason.split())[:300]
    action = "partner.reactivate" if active else "partner.deactivate"
    audit.record(session, by, action, "partner", partner.id, **details)
    return True


def import_csv(session: Session, content: bytes, by: audit.Actor) -> int:
    """Every partner of the file or none (`csv_import.ImportRefused`); how many were added."""
    partners = csv_import.import_partners(session, content)
    for partner in partners:
        audit.record(session, by, "partner.create", "partner", partner.id, siret=partner.siret,
                     name=partner.name)  # fmt: skip
    audit.record(session, by, "partner.import", "partner", None, count=len(partners))
    return len(partners)
