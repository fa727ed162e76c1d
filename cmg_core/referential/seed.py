"""Writes the synthetic Caf (`synthetic.build`) to the database, idempotently.

Rows are matched by their natural keys (partner SIRET, partner × e-mail, allocataire number):
what exists is left as it is, so seeding twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import HabilitationOperation
from cmg_core.db.models import (
    Allocataire,
    Child,
    CmgClaim,
    Habilitation,
    HabilitationEvent,
    Partner,
)
from cmg_core.referential import shares, synthetic
from cmg_core.values import Month

SEED_ACTOR = "seed@caf.example"


@dataclass
class SeedResult:
    """How many rows the seed created, per table (all zero when already seeded)."""

    created: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.created.values())


def seed_referential(
    session: Session,
    *,
    families: int = shares.FAMILIES,
    seed: int = shares.SEED,
    reference: Month | None = None,
) -> SeedResult:
    """Partners, habilitations, allocataires, children and CMG claims; flushes, never commits."""
    world = synthetic.build(reference or Month.of(date.today()), families=families, seed=seed)
    result = SeedResult()
    partners = _partners(session, world, result)
    _habilitations(session, world, partners, result)
    _families(session, world, partners, result)
    session.flush()
    return result


def _partners(session: Session, world: synthetic.SyntheticCaf, result: SeedResult):
    existing = {p.siret: p for p in session.scalars(sa.select(Partner))}
    created = 0
    for spec in world.partners:
        if spec.siret in existing:
            continue
        partner = Partner(
            siret=spec.siret,
            name=spec.name,
            kind=spec.kind,
            address=spec.address,
            postcode=spec.postcode,
            commune=spec.commune,
            convention_ref=spec.convention_ref,
            convention_signed_on=spec.convention_signed_on,
            manager_email=spec.manager_email,
        )
        session.add(partner)
        existing[spec.siret] = partner
        created += 1
    session.flush()
    result.created["partners"] = created
    return existing


def _habilitations(session, world, partners: dict[str, Partner], result: SeedResult) -> None:
    existing = set(session.execute(sa.select(Habilitation.partner_id, Habilitation.email)).all())
    created = 0
    for spec in world.partners:
        partner = partners[spec.siret]
        for person in spec.staff:
            if (partner.id, person.email) in existing:
                continue
            habilitation = Habilitation(
                partner_id=partner.id,
                email=person.email,
                civilite=person.civilite,
                first_name=person.first_name,
                last_name=person.last_name,
            )
            habilitation.events.append(
                HabilitationEvent(
                    operation=HabilitationOperation.SEED,
                    actor_email=SEED_ACTOR,
                    after={"email": person.email, "active": True},
                )
            )
            session.add(habilitation)
            created += 1
    result.created["habilitations"] = created


def _families(session, world, partners: dict[str, Partner], result: SeedResult) -> None:
    existing = set(session.scalars(sa.select(Allocataire.number)))
    counts = {"allocataires": 0, "children": 0, "cmg_claims": 0}
    for spec in world.families:
        if spec.number in existing:
            continue
        allocataire = Allocataire(
            number=spec.number,
            key_letter=spec.key_letter,
            civilite=spec.civilite,
            first_name=spec.first_name,
            last_name=spec.last_name,
            address=spec.address,
            postcode=spec.postcode,
            commune=spec.commune,
            affiliated=spec.affiliated,
            record_locked=spec.record_locked,
        )
        allocataire.children = [
            Child(first_name=c.first_name, last_name=c.last_name, birth_date=c.birth_date)
            for c in spec.children
        ]
        partner = partners[spec.partner_siret]
        allocataire.claims = [
            CmgClaim(
                partner_id=partner.id,
                kind=partner.kind,
                known=spec.claim_known,
                start_month=spec.claim_start,
            )
        ]
        session.add(allocataire)
        counts["allocataires"] += 1
        counts["children"] += len(spec.children)
        counts["cmg_claims"] += 1
    result.created.update(counts)
