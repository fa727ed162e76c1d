"""Row rules, each with its near miss: validation date 26/11/2026, month declared 10/2026.

October 2026 has 31 days (744 hours) and 27 days from Monday to Saturday (324 hours at 12 h).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.precheck.helpers import check, codes_at
from tests.precheck.workbooks import gad_row, gad_workbook, mc_row, mc_workbook


def one_line(**changes):
    return check(mc_workbook([mc_row(**changes)]))


def fires(code: str, column: str, **changes) -> bool:
    report = one_line(**changes)
    found = codes_at(report, code)
    assert found <= {(2, column)}, report.triples()
    return bool(found)


@pytest.mark.parametrize(("month", "expected"), [("11/2026", True), ("12/2026", True)])
def test_the_current_month_or_a_later_one_is_not_elapsed(month, expected):
    assert fires("month.not_elapsed", "A", month=month) is expected


def test_the_previous_month_is_elapsed():
    assert not fires("month.not_elapsed", "A", month="10/2026")


def test_a_month_thirteen_months_back_is_too_old_but_twelve_is_not():
    assert fires("month.too_old", "A", month="10/2025", birth_date=date(2023, 3, 14))
    assert not fires("month.too_old", "A", month="11/2025", birth_date=date(2023, 3, 14))


def test_not_elapsed_hint_says_when_to_declare_and_the_last_elapsed_month():
    report = one_line(month="11/2026")
    finding = next(f for f in report.findings if f.code == "month.not_elapsed")
    assert "1er décembre 2026" in finding.hint and "10/2026" in finding.hint


def test_a_birth_after_the_month_is_in_the_future_but_a_birth_in_the_month_is_not():
    assert fires("birth.future", "E", birth_date=date(2026, 11, 2))
    assert not fires("birth.future", "E", birth_date=date(2026, 10, 31))


def test_a_child_who_turned_six_before_the_month_is_over_six():
    assert fires("birth.over_six", "E", birth_date=date(2020, 9, 30))


def test_the_month_of_the_sixth_birthday_is_a_warning_not_an_error():
    report = one_line(birth_date=date(2020, 10, 20))
    assert codes_at(report, "birth.sixth_birthday_month") == {(2, "E")}
    assert "birth.over_six" not in report.codes() and report.valid


def test_a_child_turning_six_next_month_raises_nothing():
    assert one_line(birth_date=date(2020, 11, 1)).findings == []


def test_more_hours_than_the_month_has_are_impossible():
    assert fires("hours.impossible", "F", total_hours=745, amount=5000)


def test_every_hour_of_the_month_is_high_but_not_impossible():
    report = one_line(total_hours=744, amount=5000)
    assert "hours.impossible" not in report.codes()
    assert codes_at(report, "hours.high") == {(2, "F")}


def test_more_than_twelve_hours_a_working_day_is_high_and_exactly_twelve_is_not():
    assert fires("hours.high", "F", total_hours=325, amount=2000)
    assert not fires("hours.high", "F", total_hours=324, amount=2000)


@pytest.mark.parametrize(("hours", "expected"), [(1, True), (15, True), (16, False), (0, False)])
def test_between_one_and_fifteen_hours_is_below_the_minimum(hours, expected):
    amount = 0 if hours == 0 else 100
    assert fires("hours.below_minimum", "F", total_hours=hours, special_hours=0, amount=amount) is (
        expected
    )


def test_special_hours_above_the_total_exceed_it_but_equal_ones_do_not():
    assert fires("special_hours.exceed_total", "G", special_hours=121)
    assert not fires("special_hours.exceed_total", "G", special_hours=120)


def test_an_amount_without_hours_or_hours_without_amount_is_inconsistent():
    assert fires("amount.inconsistent", "H", total_hours=0, special_hours=0, amount=50)
    assert fires("amount.inconsistent", "H", total_hours=20, amount=0)


def test_an_absent_child_with_zero_hours_and_zero_euros_is_consistent():
    report = one_line(total_hours=0, special_hours=0, amount=0, end_date=date(2026, 10, 1))
    assert report.findings == []


def test_more_than_ten_euros_an_hour_in_micro_creche_passes_the_cap_but_ten_exactly_does_not():
    assert fires("amount.hourly_cap", "H", total_hours=120, amount=1200.01)
    assert not fires("amount.hourly_cap", "H", total_hours=120, amount=1200)


def test_the_hourly_cap_does_not_apply_to_home_care():
    report = check(gad_workbook([gad_row(total_hours=60, amount=1250.5)]))
    assert report.findings == []


@pytest.mark.parametrize(
    ("end", "code"),
    [(date(2026, 9, 30), "end_date.before_month"), (date(2026, 11, 1), "end_date.after_month")],
)
def test_an_end_of_care_outside_the_month_is_an_error(end, code):
    assert fires(code, "I", end_date=end)


@pytest.mark.parametrize("end", [date(2026, 10, 1), date(2026, 10, 31), "15/10/2026"])
def test_an_end_of_care_within_the_month_is_accepted(end):
    report = one_line(end_date=end)
    assert report.valid and report.lines[0].end_date is not None
