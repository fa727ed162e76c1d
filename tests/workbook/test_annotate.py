"""The annotated workbook: a first sheet "Erreurs" with links, marked cells, data untouched."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from cmg_core import templates
from cmg_core.findings import Finding, Severity
from cmg_core.precheck import check_workbook
from cmg_core.workbook.annotate import annotate
from cmg_core.workbook.errors_sheet import AUTHOR, HEADER, NO_FINDING, is_annotation_sheet
from cmg_core.workbook.reader import WorkbookRejected, read_workbook
from tests.workbook import fixtures

RED, ORANGE = "FFC7CE", "FFE0B2"
INJECTION = '=HYPERLINK("http://exemple.invalid","Cliquez")'


def _finding(severity, row, column, message="Message.", hint="Conseil.", value=None, code="c"):
    return Finding(code, severity, row, column, "CHAMP", value, message, hint)


def _data() -> bytes:
    rows = [list(templates.MC.headers), *fixtures.mc_rows(6)]
    rows[3][1] = INJECTION
    return fixtures.xlsx(rows, more_sheets={"Notes": [["à garder"]]})


FINDINGS = [
    _finding(Severity.WARNING, 5, "F", "Peu d'heures.", "Vérifiez.", 12, "hours.below_minimum"),
    _finding(
        Severity.ERROR, 4, "B", "Numéro faux.", "7 chiffres.", INJECTION, "allocataire.format"
    ),
    _finding(
        Severity.WARNING, None, None, "Deux feuilles.", "Gardez-en une.", None, "sheet.multiple"
    ),
    _finding(Severity.ERROR, 5, "F", "Heures impossibles.", "Corrigez.", 12, "hours.impossible"),
    _finding(Severity.INFO, 6, None, "Ligne notée.", "", None, "row.info"),
    _finding(Severity.ERROR, 3, "H", "Montant faux.", "Deux décimales.", -1, "amount.invalid"),
]


@pytest.fixture(scope="module")
def annotated():
    return load_workbook(io.BytesIO(annotate(_data(), FINDINGS)))


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


def test_the_first_sheet_is_erreurs_and_opens_first(annotated):
    assert annotated.sheetnames == ["Erreurs", "Déclaration", "Notes"]
    assert annotated.active.title == "Erreurs"
    assert not annotated["Déclaration"].sheet_view.tabSelected
    errors = annotated["Erreurs"]
    assert tuple(c.value for c in errors[1]) == HEADER
    assert errors.freeze_panes == "A2"
    assert errors.auto_filter.ref == "A1:H7"


def test_findings_are_listed_errors_first_then_warnings_then_infos_by_row(annotated):
    lines = [
        (r[0], r[1], r[2]) for r in annotated["Erreurs"].iter_rows(min_row=2, values_only=True)
    ]
    assert lines == [
        ("Erreur", 3, "H"),
        ("Erreur", 4, "B"),
        ("Erreur", 5, "F"),
        ("Avertissement", None, None),
        ("Avertissement", 5, "F"),
        ("Information", 6, None),
    ]


def test_each_line_links_to_its_cell_in_the_checked_sheet(annotated):
    errors = annotated["Erreurs"]
    links = {row: errors.cell(row=row, column=8).hyperlink for row in range(2, 8)}
    assert links[2].location == "'Déclaration'!H3"
    assert links[4].location == "'Déclaration'!F5"
    assert links[7].location == "'Déclaration'!A6"  # a row-level finding: the row's first cell
    assert links[5] is None  # a file-level finding has no cell
    assert errors["H2"].value == "Aller en H3"


def test_faulty_cells_are_filled_and_error_wins_over_warning(annotated):
    sheet = annotated["Déclaration"]
    assert _fill(sheet["H3"]) == RED
    assert _fill(sheet["B4"]) == RED
    assert _fill(sheet["F5"]) == RED  # an error and a warning: the error wins
    assert _fill(sheet["A6"]) == "" and _fill(sheet["C3"]) == ""


def test_one_comment_per_cell_holds_every_message_and_hint(annotated):
    comment = annotated["Déclaration"]["F5"].comment
    assert comment.author == AUTHOR
    assert comment.text == (
        "Erreur : Heures impossibles.\nConseil : Corrigez.\n\n"
        "Avertissement : Peu d'heures.\nConseil : Vérifiez."
    )
    assert annotated["Déclaration"]["A6"].comment is None


def test_comments_are_sized_to_be_read_whole():
    with zipfile.ZipFile(io.BytesIO(annotate(_data(), FINDINGS))) as archive:
        vml = next(n for n in archive.namelist() if n.endswith(".vml"))
        shapes = re.findall(
            rb"width:(\d+)px;height:(\d+)px.*?<\w+:Row>(\d+)</\w+:Row><\w+:Column>(\d+)<",
            archive.read(vml),
        )
    sizes = {(int(row) + 1, int(col) + 1): (int(w), int(h)) for w, h, row, col in shapes}
    assert sizes[(5, 6)][0] >= 300  # F5: five lines of text
    assert sizes[(5, 6)][1] >= 5 * 15
    assert sizes[(5, 6)][1] > sizes[(3, 8)][1]  # H3: two lines


def test_user_values_in_the_erreurs_sheet_are_neutralised(annotated):
    cell = annotated["Erreurs"]["E3"]
    assert cell.value == "'" + INJECTION
    assert cell.data_type == "s"


def test_the_users_data_and_other_sheets_are_unchanged(annotated):
    before = load_workbook(io.BytesIO(_data()))
    for name in ("Déclaration", "Notes"):
        old = list(before[name].iter_rows(values_only=True))
        assert list(annotated[name].iter_rows(values_only=True)) == old
    assert annotated["Déclaration"]["B4"].value == INJECTION  # the user's own cell, as typed


def test_the_erreurs_sheet_is_recognised_when_read_back_by_the_reader():
    sheets = read_workbook(annotate(_data(), FINDINGS)).sheets
    assert is_annotation_sheet(sheets[0].name, sheets[0].rows[0])
    assert not is_annotation_sheet(sheets[1].name, sheets[1].rows[0])


def test_an_empty_flagged_cell_is_marked_too():
    data = fixtures.xlsx([list(templates.GAD.headers), ["03/2026", None, 10, 0, 100, None]])
    book = load_workbook(io.BytesIO(annotate(data, [_finding(Severity.ERROR, 2, "B")])))
    assert _fill(book["Déclaration"]["B2"]) == RED
    assert book["Déclaration"]["B2"].comment.text == "Erreur : Message.\nConseil : Conseil."


def test_a_users_own_comment_is_kept_below_ours():
    book = Workbook()
    book.active["A1"] = "valeur"
    book.active["A1"].comment = Comment("Mon commentaire", "Moi")
    out = io.BytesIO()
    book.save(out)
    marked = load_workbook(io.BytesIO(annotate(out.getvalue(), [_finding(Severity.ERROR, 1, "A")])))
    text = marked.worksheets[1]["A1"].comment.text
    assert text.startswith("Erreur : Message.")
    assert text.endswith("Commentaire d'origine :\nMon commentaire")


def test_annotating_an_annotated_workbook_replaces_the_earlier_marks():
    first = annotate(_data(), FINDINGS)
    again = load_workbook(io.BytesIO(annotate(first, [_finding(Severity.WARNING, 7, "C")])))
    assert again.sheetnames == ["Erreurs", "Déclaration", "Notes"]
    sheet = again["Déclaration"]
    assert _fill(sheet["H3"]) == "" and sheet["H3"].comment is None
    assert _fill(sheet["C7"]) == ORANGE
    assert again["Erreurs"].max_row == 2


def test_a_merged_faulty_cell_is_marked_on_its_first_cell():
    book = Workbook()
    book.active["A1"] = "fusion"
    book.active.merge_cells("A1:C1")
    out = io.BytesIO()
    book.save(out)
    marked = load_workbook(io.BytesIO(annotate(out.getvalue(), [_finding(Severity.ERROR, 1, "B")])))
    assert _fill(marked.worksheets[1]["A1"]) == RED


def test_without_findings_the_erreurs_sheet_says_so():
    book = load_workbook(io.BytesIO(annotate(_data(), [])))
    assert book["Erreurs"]["A2"].value == NO_FINDING


@pytest.mark.parametrize(
    "data",
    [fixtures.random_bytes(), fixtures.mc_workbook(50)[:2000], b"", fixtures.pdf()],
    ids=["random", "truncated", "empty", "pdf"],
)
def test_a_file_that_cannot_be_opened_is_refused_not_crashed(data: bytes):
    with pytest.raises(WorkbookRejected) as refused:
        annotate(data, FINDINGS)
    assert refused.value.code in {"file.unreadable", "file.format"}


def test_a_package_openpyxl_cannot_load_is_unreadable():
    data = fixtures.with_part(fixtures.mc_workbook(3), "xl/styles.xml", b"<styleSheet><broken")
    with pytest.raises(WorkbookRejected) as refused:
        annotate(data, FINDINGS)
    assert refused.value.code == "file.unreadable"


def test_the_pre_checks_own_findings_land_on_their_cells():
    rows = [list(templates.MC.headers), *fixtures.mc_rows(3, month="03/2026")]
    rows[2][1] = "12345"  # row 3: not 7 digits
    data = fixtures.xlsx(rows)
    report = check_workbook(data, "mc.xlsx", today=date(2026, 4, 10))
    assert ("allocataire.format", 3, "B") in report.triples()
    book = load_workbook(io.BytesIO(annotate(data, report.findings)))
    assert _fill(book["Déclaration"]["B3"]) == RED
    assert "7 chiffres" in book["Déclaration"]["B3"].comment.text


def test_a_hidden_sheet_before_the_declaration_is_not_the_one_marked():
    book = Workbook()
    book.active.title = "Masquée"
    book.active["B3"] = "brouillon"
    book.active.sheet_state = "hidden"
    book.create_sheet("Déclaration")["B3"] = "12345"
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    marked = load_workbook(io.BytesIO(annotate(out.getvalue(), [_finding(Severity.ERROR, 3, "B")])))
    assert _fill(marked["Déclaration"]["B3"]) == RED
    assert _fill(marked["Masquée"]["B3"]) == ""
