"""Declaration rows built from the referential: template-shaped, plausible, every path reached."""

from __future__ import annotations

import random
from decimal import Decimal

import sqlalchemy as sa

from cmg_core import templates
from cmg_core.db.models import Allocataire, Child, CmgClaim, Partner
from cmg_core.referential.declarations import declaration_rows
from cmg_core.templates import TemplateCode
from tests.db.conftest import SEED_REFERENCE

MONTH = SEED_REFERENCE.shift(-1)


def _all_rows(session) -> dict[int, list[dict]]:
    partners = session.scalars(sa.select(Partner).order_by(Partner.id)).all()
    return {p.id: declaration_rows(session, p, MONTH, random.Random(p.id)) for p in partners}


def test_rows_hold_exactly_the_template_columns_of_the_partner(seeded):
    for partner in seeded.scalars(sa.select(Partner)):
        rows = declaration_rows(seeded, partner, MONTH, random.Random(1))
        keys = [c.key for c in templates.get(partner.kind.value).columns]
        assert rows and all(list(row) == keys for row in rows), partner.name


def test_rows_are_plausible_for_the_pre_check(seeded):
    for rows in _all_rows(seeded).values():
        for row in rows:
            assert row["month"] == str(MONTH) and len(row["allocataire"]) == 7
            assert 0 <= row["special_hours"] <= row["total_hours"]
            assert row["amount"] == row["amount"].quantize(Decimal("0.01"))
            if "birth_date" in row and row["total_hours"]:
                assert row["amount"] / row["total_hours"] <= 10  # micro-crèche hourly cap
            if row["end_date"] is not None:
                assert MONTH.first_day <= row["end_date"] <= MONTH.last_day


def test_the_same_random_generator_gives_the_same_rows(seeded):
    partner = seeded.scalars(sa.select(Partner)).first()
    first = declaration_rows(seeded, partner, MONTH, random.Random(7))
    assert declaration_rows(seeded, partner, MONTH, random.Random(7)) == first


def test_the_month_s_declarations_reach_every_processing_path(seeded):
    rows = [row for rows in _all_rows(seeded).values() for row in rows]
    numbers = {row["allocataire"] for row in rows}

    def declared(condition) -> bool:
        query = sa.select(Allocataire.number).join(CmgClaim).where(condition)
        return bool(numbers & set(seeded.scalars(query)))

    assert declared(Allocataire.affiliated.is_(False))
    assert declared(Allocataire.record_locked.is_(True))
    assert declared(CmgClaim.known.is_(False))
    twins = {(r["allocataire"], r["birth_date"]) for r in rows if "birth_date" in r}
    assert len(twins) < sum(1 for r in rows if "birth_date" in r)  # two children, one birth date
    known = set(seeded.execute(sa.select(Allocataire.number, Child.first_name).join(Child)).all())
    assert any(
        (r["allocataire"], r["child_first_name"]) not in known for r in rows if "birth_date" in r
    )


def test_a_garde_a_domicile_declares_one_row_per_family(seeded):
    partner = seeded.scalars(sa.select(Partner).where(Partner.kind == TemplateCode.GAD)).first()
    rows = declaration_rows(seeded, partner, MONTH, random.Random(3))
    assert len({r["allocataire"] for r in rows}) == len(rows)
