"""File rules: blank rows, duplicates, mixed months, twins, copy-paste."""

from __future__ import annotations

from datetime import date

from tests.precheck.helpers import check, codes_at
from tests.precheck.workbooks import gad_row, gad_workbook, mc_row, mc_workbook, varied_mc_rows


def test_an_empty_row_between_data_rows_is_a_warning_and_trailing_ones_are_ignored():
    rows = varied_mc_rows(2)
    report = check(mc_workbook([rows[0], [], rows[1], [], []]))
    assert report.triples() == {("row.blank", 3, None)}
    assert report.rows == 2 and report.valid


def test_the_same_child_twice_is_a_duplicate_on_the_second_line():
    report = check(mc_workbook([mc_row(), mc_row(child_first_name="LÉA ")]))
    assert codes_at(report, "row.duplicate") == {(3, "B")}
    assert "ligne 2" in report.findings[0].message


def test_two_children_of_one_allocataire_are_not_duplicates():
    report = check(
        mc_workbook([mc_row(), mc_row(child_first_name="Hugo", birth_date=date(2024, 5, 2))])
    )
    assert report.findings == []


def test_the_same_allocataire_twice_in_home_care_is_a_duplicate():
    report = check(gad_workbook([gad_row(), gad_row(total_hours=10)]))
    assert codes_at(report, "row.duplicate") == {(3, "B")}


def test_lines_of_another_month_are_mixed_against_the_main_month():
    rows = varied_mc_rows(3)
    rows[1][0] = "09/2026"
    report = check(mc_workbook(rows))
    assert codes_at(report, "month.mixed") == {(3, "A")}
    assert report.month is None
    assert "10/2026" in next(f for f in report.findings if f.code == "month.mixed").message


def test_one_month_throughout_is_the_reports_month():
    assert check(mc_workbook(varied_mc_rows(3))).month == "10/2026"


def test_two_children_of_one_allocataire_born_the_same_day_ask_to_check_first_names():
    report = check(mc_workbook([mc_row(), mc_row(child_first_name="Hugo")]))
    assert codes_at(report, "twins.check_first_names") == {(2, "D"), (3, "D")}
    assert report.valid


def test_children_born_the_same_day_in_different_families_are_not_twins():
    report = check(mc_workbook([mc_row(), mc_row(allocataire="7654321", child_first_name="Hugo")]))
    assert "twins.check_first_names" not in report.codes()


def test_five_lines_with_the_same_hours_and_amount_look_copy_pasted():
    rows = [
        mc_row(allocataire=f"{1000000 + i}", child_first_name=n)
        for i, n in enumerate(["Léa", "Hugo", "Jade", "Louis", "Emma"])
    ]
    report = check(mc_workbook(rows))
    assert report.triples() == {("file.copy_paste_suspected", None, None)}


def test_four_identical_lines_or_varied_ones_do_not_look_copy_pasted():
    same = [mc_row(allocataire=f"{1000000 + i}") for i in range(4)]
    assert "file.copy_paste_suspected" not in check(mc_workbook(same)).codes()
    ten = varied_mc_rows(10)
    for row in ten[:8]:
        row[5], row[7] = 100, 800  # 80 % share: below 90 %
    assert "file.copy_paste_suspected" not in check(mc_workbook(ten)).codes()


def test_nine_lines_out_of_ten_identical_look_copy_pasted():
    ten = varied_mc_rows(10)
    for row in ten[:9]:
        row[5], row[7] = 100, 800
    report = check(mc_workbook(ten))
    assert codes_at(report, "file.copy_paste_suspected") == {(None, None)}
    assert "90" in report.findings[0].message
