from datetime import date
from decimal import Decimal

import pytest

from cmg_core.values import Month, format_euros, parse_french_date, to_amount


def test_a_month_parses_and_prints_as_mm_aaaa():
    assert str(Month.parse("3/2026")) == "03/2026"
    assert Month.parse(" 12/2025 ") == Month(2025, 12)


@pytest.mark.parametrize("text", ["2026-03", "13/2026", "03/26", "mars 2026", ""])
def test_a_month_rejects_other_writings(text):
    with pytest.raises(ValueError):
        Month.parse(text)


def test_month_arithmetic_crosses_years():
    assert Month(2026, 1).shift(-1) == Month(2025, 12)
    assert Month(2025, 11).months_until(Month(2026, 2)) == 3
    assert Month(2024, 2).days == 29
    assert Month(2026, 2).working_days == 24  # 28 days, 4 Sundays


def test_a_month_after_mois_is_elided_before_a_vowel():
    assert Month(2026, 3).of_label() == "de mars 2026"
    assert Month(2026, 10).of_label() == "d'octobre 2026"
    assert Month(2026, 4).of_label() == "d'avril 2026"
    assert Month(2026, 8).of_label() == "d'août 2026"


def test_french_dates_must_be_real():
    assert parse_french_date("29/02/2024") == date(2024, 2, 29)
    with pytest.raises(ValueError):
        parse_french_date("29/02/2025")


def test_amounts_are_decimals_without_float_noise():
    assert to_amount(12.3) == Decimal("12.3")
    assert to_amount("1 234,56 €") == Decimal("1234.56")
    with pytest.raises(ValueError):
        to_amount("douze")


def test_euros_print_the_french_way():
    assert format_euros(Decimal("1234.5")) == "1\u00a0234,50\u00a0€"


@pytest.mark.parametrize(
    "text", ["10/2026", "  10 / 2026 ", "Octobre 2026", "octobre   2026", "OCTOBRE 2026"]
)
def test_a_written_month_may_be_mm_aaaa_or_its_french_name(text):
    assert Month.parse_written(text) == Month(2026, 10)


def test_written_months_accept_missing_accents_and_one_digit():
    assert Month.parse_written("fevrier 2027") == Month(2027, 2)
    assert Month.parse_written("Août 2026") == Month.parse_written("aout 2026") == Month(2026, 8)
    assert Month.parse_written("3/2026") == Month(2026, 3)


@pytest.mark.parametrize("text", ["", "octobr 2026", "octobre", "2026-10", "octobre 26", "13/2026"])
def test_other_written_months_are_refused(text):
    with pytest.raises(ValueError):
        Month.parse_written(text)
