"""The synthetic Caf: deterministic, with the documented groups and plausible children."""

from __future__ import annotations

from collections import Counter

from cmg_core.referential import shares, synthetic
from cmg_core.referential.siret import is_valid_siret
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

REFERENCE = Month(2026, 11)


def test_the_same_seed_builds_the_same_world():
    assert synthetic.build(REFERENCE, families=300) == synthetic.build(REFERENCE, families=300)


def test_partners_of_both_kinds_have_valid_sirets_and_one_to_three_staff():
    world = synthetic.build(REFERENCE, families=10)
    kinds = Counter(p.kind for p in world.partners)
    assert kinds == {TemplateCode.MC: shares.PARTNERS_MC, TemplateCode.GAD: shares.PARTNERS_GAD}
    assert all(is_valid_siret(p.siret) for p in world.partners)
    assert all(1 <= len(p.staff) <= 3 for p in world.partners)
    assert len({p.siret for p in world.partners}) == len(world.partners)


def test_each_documented_group_has_exactly_its_share_of_families():
    world = synthetic.build(REFERENCE)
    groups = Counter(f.group for f in world.families)
    for name, share in shares.DOCUMENTED_SHARES.items():
        assert groups[name] == shares.group_size(share, shares.FAMILIES)
    assert groups["turning_six"] == shares.group_size(shares.TURNING_SIX_SHARE, shares.FAMILIES)


def test_every_family_has_a_child_entitled_last_month_and_twins_are_born_the_same_day():
    world = synthetic.build(REFERENCE, families=500)
    last_elapsed = REFERENCE.shift(-1)
    for family in world.families:
        sixth_birthdays = [
            Month(c.birth_date.year + 6, c.birth_date.month) for c in family.children
        ]
        assert max(sixth_birthdays) >= last_elapsed, family.number
        births = Counter(c.birth_date for c in family.children)
        assert (max(births.values()) == 2) == (family.group == "twins")


def test_children_turning_six_have_their_birthday_in_the_last_elapsed_month():
    world = synthetic.build(REFERENCE, families=500)
    turning = [f for f in world.families if f.group == "turning_six"]
    assert turning
    for family in turning:
        (child,) = family.children[-1:]
        assert Month(child.birth_date.year + 6, child.birth_date.month) == REFERENCE.shift(-1)


def test_twins_are_cared_for_by_micro_creches():
    world = synthetic.build(REFERENCE, families=500)
    mc = {p.siret for p in world.partners if p.kind is TemplateCode.MC}
    assert all(f.partner_siret in mc for f in world.families if f.group == "twins")


def test_allocataire_numbers_are_unique_seven_digit_strings():
    numbers = [f.number for f in synthetic.build(REFERENCE).families]
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == 7 and n.isdigit() for n in numbers)
