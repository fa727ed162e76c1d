"""Cell level: required cells, formulas and each column's format, with cause-specific hints."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from tests.precheck.helpers import check, codes_at
from tests.precheck.workbooks import gad_row, gad_workbook, mc_row, mc_workbook


def one_line(**changes) -> object:
    return check(mc_workbook([mc_row(**changes)]))


def only_finding(report, code: str):
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, report.triples()
    return found[0]


@pytest.mark.parametrize(
    ("key", "column"),
    [("month", "A"), ("allocataire", "B"), ("child_first_name", "D"), ("amount", "H")],
)
def test_an_empty_required_cell_is_reported_at_its_cell(key, column):
    report = one_line(**{key: None})
    assert codes_at(report, "cell.required") == {(2, column)}


def test_empty_special_hours_and_end_date_are_not_required_and_special_hours_read_as_zero():
    report = one_line(special_hours=None, end_date=None)
    assert report.valid
    assert report.lines[0].special_hours == 0 and report.lines[0].end_date is None


def test_a_formula_without_stored_result_is_reported_instead_of_an_empty_cell():
    report = one_line(total_hours="=100+20")
    assert codes_at(report, "cell.formula_no_value") == {(2, "F")}
    assert "cell.required" not in report.codes()


@pytest.mark.parametrize("value", ["2026-10", "octobre 2026", "13/2026", 102026])
def test_a_month_not_written_mm_aaaa_is_a_month_format_error(value):
    report = one_line(month=value)
    assert codes_at(report, "month.format") == {(2, "A")}


def test_a_month_typed_as_a_number_says_excel_turned_it_into_a_number():
    finding = only_finding(one_line(month=10.2026), "month.format")
    assert "format Texte" in finding.hint and "10/2026" in finding.hint


def test_a_real_date_cell_in_the_month_column_is_read_as_its_month():
    report = one_line(month=date(2026, 10, 1))
    assert report.valid and report.month == "10/2026"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1234567A", "retirez la lettre clé"),
        (123456, "le zéro initial a été perdu"),
        ("012 34 56", "retirez les espaces"),
        ("123456", "il manque au moins un chiffre"),
        ("12345678", "7 chiffres du numéro"),
    ],
)
def test_an_allocataire_number_of_the_wrong_shape_names_the_likely_cause(value, fragment):
    finding = only_finding(one_line(allocataire=value), "allocataire.format")
    assert (finding.row, finding.column) == (2, "B")
    assert fragment in finding.hint.lower()


def test_a_lost_leading_zero_hint_gives_the_number_to_type():
    finding = only_finding(one_line(allocataire=123456.0), "allocataire.format")
    assert "0123456" in finding.hint and "format Texte" in finding.hint


def test_a_seven_digit_allocataire_typed_as_a_number_is_accepted():
    report = one_line(allocataire=1234567)
    assert report.valid and report.lines[0].allocataire == "1234567"


@pytest.mark.parametrize("value", ["L3a", "Léa!", "Léa (2)", 12])
def test_digits_or_symbols_in_a_child_name_are_a_name_format_error(value):
    report = one_line(child_first_name=value)
    assert codes_at(report, "name.format") == {(2, "D")}


@pytest.mark.parametrize("value", ["Marie-Léa", "D'Artagnan", "Jean Pierre", "Zoë"])
def test_accents_hyphens_apostrophes_and_spaces_are_accepted_in_names(value):
    assert one_line(child_first_name=value).valid


@pytest.mark.parametrize("value", ["14/03/2023", date(2023, 3, 14), datetime(2023, 3, 14)])
def test_a_birth_date_as_a_date_cell_or_text_jj_mm_aaaa_is_accepted(value):
    report = one_line(birth_date=value)
    assert report.valid and report.lines[0].birth_date == date(2023, 3, 14)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [(44999, "un nombre a été saisi"), ("31/02/2023", "n'existe pas"), ("2023-03-14", "jj/mm")],
)
def test_a_birth_date_that_is_not_a_real_date_is_a_date_format_error(value, fragment):
    finding = only_finding(one_line(birth_date=value), "date.format")
    assert (finding.row, finding.column) == (2, "E")
    assert fragment in finding.hint.lower()


def test_an_end_date_that_is_not_a_date_is_a_date_format_error():
    assert codes_at(one_line(end_date="fin octobre"), "date.format") == {(2, "I")}


def test_decimal_hours_are_invalid_with_a_hint_to_round_down():
    finding = only_finding(one_line(total_hours=15.5), "hours.invalid")
    assert (finding.row, finding.column) == (2, "F")
    assert "15" in finding.hint and "inférieure" in finding.hint


@pytest.mark.parametrize("value", [-3, "beaucoup", "15h30"])
def test_negative_or_text_hours_are_invalid(value):
    assert codes_at(one_line(total_hours=value), "hours.invalid") == {(2, "F")}


def test_decimal_special_hours_are_invalid_in_their_own_column():
    assert codes_at(one_line(special_hours=2.5), "hours.invalid") == {(2, "G")}


def test_whole_hours_typed_as_text_are_accepted():
    report = one_line(total_hours="120")
    assert report.valid and report.lines[0].total_hours == 120


@pytest.mark.parametrize(
    ("value", "cause_fragment"),
    [(-5, "positif"), (12.345, "12,35"), ("douze", "en chiffres")],
)
def test_an_amount_not_positive_with_two_decimals_is_invalid(value, cause_fragment):
    finding = only_finding(one_line(amount=value), "amount.invalid")
    assert (finding.row, finding.column) == (2, "H")
    assert cause_fragment in finding.hint


@pytest.mark.parametrize("value", ["900,50", "900.50", "900,50 €", "1 000,00"])
def test_an_amount_typed_as_text_with_a_comma_or_euro_sign_is_accepted(value):
    report = one_line(amount=value, total_hours=120)
    assert report.valid
    assert report.lines[0].amount in {Decimal("900.50"), Decimal("1000.00")}


def test_an_amount_with_float_noise_from_a_formula_is_read_as_cents():
    report = one_line(amount=0.1 + 0.2)
    assert "amount.invalid" not in report.codes()
    assert report.lines[0].amount == Decimal("0.30")


def test_an_excel_error_cell_is_a_format_error_with_a_hint_about_formulas():
    finding = only_finding(one_line(amount="#DIV/0!"), "amount.invalid")
    assert "erreur Excel" in finding.hint


def test_an_invalid_cell_leaves_its_field_empty_in_the_line_and_the_rest_typed():
    report = one_line(allocataire="ABC", total_hours=12.5)
    line = report.lines[0]
    assert line.allocataire is None and line.total_hours is None
    assert line.amount == Decimal("900.00") and line.child_last_name == "Martin"


def test_gad_cells_are_checked_at_gad_letters():
    report = check(gad_workbook([gad_row(allocataire="123", amount=-1, end_date=5)]))
    assert report.triples() >= {
        ("allocataire.format", 2, "B"),
        ("amount.invalid", 2, "E"),
        ("date.format", 2, "F"),
    }


@pytest.mark.parametrize(
    ("value", "suggestion"), [(time(15, 30), "15"), (timedelta(hours=150, minutes=30), "150")]
)
def test_hours_typed_as_a_time_or_duration_ask_for_a_number_rounded_down(value, suggestion):
    finding = only_finding(one_line(total_hours=value), "hours.invalid")
    assert (finding.row, finding.column) == (2, "F")
    assert "format Nombre" in finding.hint and suggestion in finding.hint
