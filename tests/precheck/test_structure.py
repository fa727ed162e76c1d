"""Structure level: the sheet read, the template recognised, every header checked."""

from __future__ import annotations

from cmg_core import templates
from tests.precheck.helpers import check, codes_at
from tests.precheck.workbooks import (
    gad_row,
    gad_workbook,
    mc_row,
    mc_workbook,
    varied_mc_rows,
    with_external_link,
)

MC_HEADERS = list(templates.MC.headers)


def test_a_file_whose_headers_match_no_template_is_refused_before_any_cell():
    report = check(mc_workbook([["x"] * 9], headers=["Nom", "Prénom", "Heures", "Montant"]))
    assert report.triples() == {("header.unknown_template", None, None)}
    assert report.template is None and not report.valid


def test_an_mc_file_where_gad_is_expected_is_the_wrong_template():
    report = check(mc_workbook([mc_row()]), template="GAD")
    assert report.triples() == {("header.wrong_template", 1, None)}
    assert "garde à domicile" in report.findings[0].message


def test_a_gad_file_where_mc_is_expected_is_the_wrong_template():
    report = check(gad_workbook([gad_row()]), template="MC")
    assert report.codes() == {"header.wrong_template"}


def test_the_expected_template_raises_nothing_when_it_matches():
    assert check(gad_workbook([gad_row()]), template="GAD").valid
    assert check(mc_workbook([mc_row()]), template="MC").valid


def test_headers_found_below_row_one_are_reported_and_cells_still_checked_at_true_rows():
    report = check(mc_workbook([mc_row(allocataire="12345")], above=[["Crèche Les Lutins"], []]))
    assert ("header.not_first_row", 3, None) in report.triples()
    assert codes_at(report, "allocataire.format") == {(4, "B")}


def test_a_missing_column_is_named_at_its_template_letter():
    headers = [h for h in MC_HEADERS if h != "NB HEURES SPECIFIQUES"]
    rows = [[v for i, v in enumerate(mc_row()) if i != 6]]
    report = check(mc_workbook(rows, headers=headers))
    assert codes_at(report, "header.missing_column") == {(1, "G")}
    assert report.findings[0].field == "NB HEURES SPECIFIQUES"


def test_an_extra_named_column_is_reported_at_its_letter():
    report = check(mc_workbook([[*mc_row(), "note"]], headers=[*MC_HEADERS, "COMMENTAIRE"]))
    assert codes_at(report, "header.extra_column") == {(1, "J")}


def test_an_unnamed_column_holding_data_is_an_extra_column():
    report = check(mc_workbook([[*mc_row(), None, "oups"]]))
    assert codes_at(report, "header.extra_column") == {(1, "K")}


def test_swapped_columns_are_out_of_order_and_their_cells_are_read_where_they_are():
    headers = MC_HEADERS.copy()
    headers[2], headers[3] = headers[3], headers[2]
    row = mc_row()
    row[2], row[3] = "Lé4", row[2]  # first name (now in C) is wrong
    report = check(mc_workbook([row], headers=headers))
    assert codes_at(report, "header.column_order") == {(1, "C"), (1, "D")}
    assert codes_at(report, "name.format") == {(2, "C")}


def test_a_header_differing_by_case_accents_spaces_or_line_breaks_is_a_variant_warning():
    headers = MC_HEADERS.copy()
    headers[1] = "Numéro  allocataire"
    headers[5] = "TOTAL NB HEURE DE GARDE\n(Y COMPRIS HEURES SPECIFIQUES)"
    report = check(mc_workbook([mc_row()], headers=headers))
    assert codes_at(report, "header.label_variant") == {(1, "B"), (1, "F")}
    assert report.valid


def test_exact_headers_give_no_header_finding():
    report = check(mc_workbook(varied_mc_rows(3)))
    assert not {c for c in report.codes() if c.startswith("header.")}


def test_the_guidance_row_of_the_blank_template_is_skipped():
    report = check(mc_workbook([mc_row()], guidance=True))
    assert report.valid and report.rows == 1
    assert [line.row for line in report.lines] == [3]


def test_a_guidance_row_with_some_guidance_cells_deleted_is_still_skipped():
    guidance = list(templates.MC.guidance_row)
    guidance[1] = None
    report = check(mc_workbook([guidance, mc_row()]))
    assert report.valid and report.rows == 1


def test_a_guidance_text_left_in_a_data_row_is_checked_as_data():
    row = mc_row(allocataire=templates.GUIDANCE_ALLOCATAIRE)
    report = check(mc_workbook([row]))
    assert codes_at(report, "allocataire.format") == {(2, "B")}


def test_the_gad_template_is_recognised_from_its_headers():
    report = check(gad_workbook([gad_row()], guidance=True))
    assert report.template == "GAD" and report.valid
    line = report.lines[0]
    assert line.child_first_name is None and line.special_hours == 0


def test_a_second_filled_sheet_is_a_warning_and_the_first_is_read():
    data = mc_workbook([mc_row()], extra_sheets={"Novembre": [["notes"]]})
    report = check(data)
    assert report.triples() == {("sheet.multiple", None, None)}
    assert report.valid and "Déclaration" in report.findings[0].message


def test_a_hidden_sheet_with_data_is_a_warning_and_is_not_read():
    data = mc_workbook([mc_row()], hidden_sheets={"Ancien mois": [["notes"]]})
    report = check(data)
    assert report.triples() == {("sheet.hidden", None, None)}
    assert report.valid and "«\u00a0Ancien mois\u00a0»" in report.findings[0].message


def test_several_hidden_sheets_are_counted_in_one_warning():
    hidden = {"Juin": [["x"]], "Juillet": [["y"]], "Vide": []}
    report = check(mc_workbook([mc_row()], hidden_sheets=hidden))
    assert report.codes() == {"sheet.hidden"} and len(report.findings) == 1
    assert report.findings[0].message.startswith("Des feuilles masquées (2, dont")


def test_a_hidden_first_sheet_is_skipped_for_the_first_visible_one():
    data = mc_workbook([["not", "a", "declaration"]], headers=["Brouillon"])
    data = _hide_first_sheet_and_add(data, [MC_HEADERS, mc_row()])
    report = check(data)
    assert report.codes() == {"sheet.hidden"} and report.valid and report.rows == 1


def test_a_file_whose_only_data_is_in_a_hidden_sheet_has_no_data():
    data = mc_workbook([], headers=[], hidden_sheets={"Masquée": [MC_HEADERS, mc_row()]})
    report = check(data)
    assert report.codes() == {"sheet.hidden", "file.no_data"} and not report.valid


def test_a_workbook_linked_to_other_files_is_a_warning():
    report = check(with_external_link(mc_workbook([mc_row()])))
    assert report.triples() == {("file.external_links", None, None)}
    assert report.valid and "d'autres fichiers" in report.findings[0].message


def test_an_external_link_at_an_unusual_path_is_found_by_its_relationship():
    data = with_external_link(mc_workbook([mc_row()]), part="xl/liens/lien1.xml")
    assert check(data).codes() == {"file.external_links"}


def _hide_first_sheet_and_add(data: bytes, rows: list[list[object]]) -> bytes:
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(data))
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("Déclaration visible")
    for row in rows:
        sheet.append(row)
    book.active = 1
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_empty_sheet_beside_the_declaration_is_not_a_second_sheet():
    report = check(mc_workbook([mc_row()], extra_sheets={"Vide": []}))
    assert report.findings == []


def test_headers_without_any_data_row_means_no_data():
    report = check(mc_workbook([], guidance=True))
    assert report.triples() == {("file.no_data", None, None)}


def test_an_empty_workbook_means_no_data():
    report = check(mc_workbook([], headers=[]))
    assert report.triples() == {("file.no_data", None, None)}
