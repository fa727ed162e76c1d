"""SIREN/SIRET validation and generation, including La Poste's exception."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from cmg_core.referential import siret


def test_known_real_sirets_are_valid():
    assert siret.is_valid_siret("73282932000074")  # a published example
    assert siret.is_valid_siren("732829320")


def test_a_single_changed_digit_makes_a_siret_invalid():
    assert not siret.is_valid_siret("73282932000075")


def test_sirets_of_the_wrong_length_or_with_letters_are_invalid():
    assert not siret.is_valid_siret("7328293200007")
    assert not siret.is_valid_siret("7328293200007A")


def test_la_poste_establishments_are_valid_when_their_digit_sum_is_a_multiple_of_five():
    assert siret.is_valid_siret("35600000049837")  # digit sum 45, fails Luhn
    assert not luhn.is_valid("35600000049837")
    assert siret.is_valid_siret("35600000000048")  # the head office, Luhn-valid


def test_the_la_poste_exception_does_not_apply_to_other_sirens():
    assert sum(map(int, "12300000049835")) % 5 == 0
    assert not siret.is_valid_siret("12300000049835")


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_sirens_and_sirets_are_valid(seed):
    rng = random.Random(seed)
    siren = siret.random_siren(rng)
    assert siret.is_valid_siren(siren)
    value = siret.random_siret(rng, siren)
    assert value.startswith(siren) and siret.is_valid_siret(value)


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_la_poste_sirets_are_valid(seed):
    value = siret.la_poste_siret(random.Random(seed))
    assert value.startswith(siret.LA_POSTE_SIREN) and siret.is_valid_siret(value)


def test_a_wrong_siret_is_explained_in_french():
    assert siret.siret_problem("73282932000074") is None
    assert "14 chiffres" in siret.siret_problem("7328293200007")
    assert "que des chiffres" in siret.siret_problem("7328293200007A")
    assert "clé de contrôle" in siret.siret_problem("73282932000075")
    assert siret.siret_problem("356 000 000 49837") is None  # spaces as people type them
