"""Seeding the referential: idempotent, valid partners, the documented shares in `status`."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.base import Base
from cmg_core.db.models import Habilitation, Partner
from cmg_core.referential import shares
from cmg_core.referential.seed import seed_referential
from cmg_core.referential.siret import is_valid_siret
from cmg_core.status import collect
from cmg_core.values import Month

REFERENCE = Month(2026, 11)


def _counts(session) -> dict[str, int]:
    return {
        name: session.scalar(sa.select(sa.func.count()).select_from(table))
        for name, table in Base.metadata.tables.items()
    }


def test_seeding_twice_changes_nothing(session):
    first = seed_referential(session, families=150, reference=REFERENCE)
    session.commit()
    before = _counts(session)
    second = seed_referential(session, families=150, reference=REFERENCE)
    session.commit()
    assert first.created["allocataires"] == 150
    assert second.total == 0
    assert _counts(session) == before


def test_seeding_on_another_day_still_changes_nothing(session):
    seed_referential(session, families=50, reference=REFERENCE)
    before = _counts(session)
    assert seed_referential(session, families=50, reference=REFERENCE.shift(3)).total == 0
    assert _counts(session) == before


def test_status_reports_the_shares_the_seed_documents(seeded):
    reported = collect(seeded)["referential"]
    assert reported["families"] == shares.FAMILIES
    for name, documented in shares.DOCUMENTED_SHARES.items():
        share = reported["shares"][name]
        assert share["count"] == shares.group_size(documented, shares.FAMILIES)
        assert share["share"] == documented == share["documented"]


def test_seeded_partners_have_valid_sirets_a_manager_and_habilitated_staff(seeded):
    partners = seeded.scalars(sa.select(Partner)).all()
    assert len(partners) == shares.PARTNERS_MC + shares.PARTNERS_GAD
    assert all(is_valid_siret(p.siret) and "@" in p.manager_email for p in partners)
    for partner in partners:
        habilitations = seeded.scalars(
            sa.select(Habilitation).where(Habilitation.partner_id == partner.id)
        ).all()
        assert 1 <= len(habilitations) <= 3
        assert all(h.active and len(h.events) == 1 for h in habilitations)
