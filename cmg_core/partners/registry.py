"""The register of partners: add one, change its record, deactivate or reactivate it.

The staff journal records each change (`cmg_core.staff.partner_admin`, which callers use). A
deactivated partner keeps its history (deposits, habilitations); its new deposits are sent
back by intake with the reason. Changing the gestionnaire des habilitations keeps the people
already habilitated; from then on only the new gestionnaire's requests are accepted (the
habilitations stage compares the depositor with `Partner.manager_email`). A new partner's
gestionnaire, and a new gestionnaire, get the habilitations démarche by e-mail (the outbox).
"""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.models import Partner
from cmg_core.mail import partner_mail
from cmg_core.partners.fields import LABELS, PartnerError, PartnerFields, clean

EDITABLE = tuple(name for name in LABELS if name != "siret")


def all_partners(session: Session, *, active_only: bool = False) -> list[Partner]:
    query = sa.select(Partner).order_by(Partner.name)
    if active_only:
        query = query.where(Partner.active.is_(True))
    return list(session.scalars(query))


def find(session: Session, siret: str) -> Partner:
    """The partner of a SIRET (spaces allowed); PartnerError when there is none."""
    wanted = "".join(siret.split())
    partner = session.scalars(sa.select(Partner).where(Partner.siret == wanted)).first()
    if partner is None:
        raise PartnerError(f"aucune structure n'a le SIRET « {siret} »")
    return partner


def check_new(session: Session, record: PartnerFields) -> None:
    """PartnerError when the SIRET or the convention reference is already recorded."""
    same = session.scalars(sa.select(Partner).where(Partner.siret == record.siret)).first()
    if same is not None:
        raise PartnerError(f"la structure de SIRET {record.siret} existe déjà ({same.name})")
    _check_convention_free(session, record.convention_ref)


def _check_convention_free(session: Session, reference: str, partner_id: int | None = None):
    same = session.scalars(
        sa.select(Partner).where(Partner.convention_ref == reference, Partner.id != partner_id)
    ).first()
    if same is not None:
        raise PartnerError(f"la convention « {reference} » est déjà celle de {same.name}")


def add(session: Session, record: PartnerFields) -> Partner:
    """Record a new partner (checked by `check_new`)."""
    check_new(session, record)
    partner = Partner(**asdict(record), active=True)
    session.add(partner)
    session.flush()
    partner_mail.welcome_manager(session, partner)
    return partner


def update(session: Session, siret: str, changes: dict[str, object]) -> list[str]:
    """Change some fields of a partner's record; the French descriptions of what changed."""
    partner = find(session, siret)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise PartnerError("champ non modifiable : " + ", ".join(sorted(unknown)))
    described = []
    for name, raw in changes.items():
        value = clean(name, raw)
        if name == "convention_ref":
            _check_convention_free(session, str(value), partner.id)
        old = getattr(partner, name)
        if old == value:
            continue
        setattr(partner, name, value)
        described.append(f"{LABELS[name]} : {_shown(old)} → {_shown(value)}")
    if "manager_email" in changes and described:
        partner_mail.welcome_manager(session, partner)  # once per new gestionnaire
    session.flush()
    return described


def set_active(session: Session, siret: str, active: bool) -> bool:
    """Deactivate (or reactivate) a partner; False when it already was."""
    partner = find(session, siret)
    if partner.active == active:
        return False
    partner.active = active
    session.flush()
    return True


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(vide)"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)
