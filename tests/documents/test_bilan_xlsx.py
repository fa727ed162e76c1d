import time
from io import BytesIO

from openpyxl import load_workbook

from cmg_core.documents.bilan_xlsx import render_bilan_xlsx
from cmg_core.documents.model import BilanLine, Outcome
from tests.documents.samples import HOME_CARE, bilan

INJECTION = "=cmd|' /C calc'!A0"


def _sheet(data: bytes):
    return load_workbook(BytesIO(data))["Bilan"]


def _table(sheet) -> tuple[int, list[tuple]]:
    """The header row number and the data rows below it."""
    header = next(
        row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == "Ligne du fichier"
    )
    rows = list(sheet.iter_rows(min_row=header + 1, values_only=True))
    return header, rows


def test_the_sheet_holds_the_summary_and_one_row_per_line():
    b = bilan(40)
    sheet = _sheet(render_bilan_xlsx(b))
    labels = {sheet.cell(row, 1).value: sheet.cell(row, 3).value for row in range(1, 17)}
    assert labels["Lignes reçues"] == 40
    assert (labels["Traitées"], labels["Transmises à un gestionnaire"], labels["Rejetées"]) == (
        14,
        13,
        13,
    )
    assert labels["Structure"] == "Micro-crèche Les Petits Loups"
    _, rows = _table(sheet)
    assert [(r[0], r[1]) for r in rows] == [(line.row, line.allocataire) for line in b.lines]
    assert rows[2][3:] == (
        "Rejetée",
        "Numéro allocataire inconnu de la Caf.",
        "Vérifiez le numéro allocataire et déposez une correction.",
    )


def test_allocataire_numbers_stay_text_with_their_leading_zeros():
    b = bilan(1, lines=(BilanLine(3, "0012345", None, Outcome.PROCESSED, "Enregistrée."),))
    _, rows = _table(_sheet(render_bilan_xlsx(b)))
    assert rows[0][1] == "0012345"


def test_the_header_is_frozen_filtered_and_the_columns_sized():
    sheet = _sheet(render_bilan_xlsx(bilan(10)))
    header, _ = _table(sheet)
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:F{header + 10}"
    assert sheet.column_dimensions["E"].width == 60


def test_a_child_name_written_as_a_formula_is_neutralised():
    b = bilan(1, lines=(BilanLine(3, "0000001", INJECTION, Outcome.REJECTED, "=1+1", "@SUM(A1)"),))
    _, rows = _table(_sheet(render_bilan_xlsx(b)))
    assert rows[0][2:] == ("'" + INJECTION, "Rejetée", "'=1+1", "'@SUM(A1)")


def test_a_structure_name_written_as_a_formula_is_neutralised():
    structure = HOME_CARE.__class__(HOME_CARE.siret, "+33 Aide", "GAD", "-Brissac")
    sheet = _sheet(render_bilan_xlsx(bilan(1, structure)))
    values = {sheet.cell(row, 3).value for row in range(1, 10)}
    assert {"'+33 Aide", "'-Brissac"} <= values


def test_a_home_care_bilan_has_no_child_column():
    sheet = _sheet(render_bilan_xlsx(bilan(3, HOME_CARE)))
    header, _ = _table(sheet)
    headers = [c.value for c in sheet[header] if c.value]
    assert headers == ["Ligne du fichier", "N° allocataire", "Résultat", "Motif", "Action attendue"]


def test_the_same_bilan_gives_identical_bytes_even_a_few_seconds_apart():
    first = render_bilan_xlsx(bilan(5))
    time.sleep(2.1)  # zip entries are dated to the even second
    assert render_bilan_xlsx(bilan(5)) == first


def test_names_keep_every_unicode_letter_in_the_workbook():
    b = bilan(1, lines=(BilanLine(3, "0000001", "Łukasz Nguyễn 👶", Outcome.PROCESSED, "OK."),))
    _, rows = _table(_sheet(render_bilan_xlsx(b)))
    assert rows[0][2] == "Łukasz Nguyễn 👶"
