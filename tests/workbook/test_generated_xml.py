"""Every XML part of every workbook the project writes is well-formed, whatever the user's file
held: blank templates, annotated copies, corrected copies, bilans and the demo files.

Control characters reach us decoded by the reader from escapes such as `_x001B_`; an earlier
version wrote them raw into the annotated copy's comments, which Excel then refused to open.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from cmg_core import templates
from cmg_core.corrections import correct_workbook
from cmg_core.demo.files import workbook as demo_workbook
from cmg_core.documents.bilan_xlsx import render_bilan_xlsx
from cmg_core.documents.model import BilanLine, Structure
from cmg_core.precheck import check_workbook
from cmg_core.workbook.annotate import annotate
from cmg_core.workbook.blank import blank_template
from cmg_core.workbook.safe_text import cell_value, comment_text, sheet_title, strip_controls
from tests.documents import samples
from tests.workbook import hostile

CONTROLS = "".join(map(chr, range(32))) + "\ufffe\uffff"
ESCAPES = "_x0000_ _x001B_ _x0007_ _xFFFE_"
TODAY = date(2026, 11, 26)


def well_formed(data: bytes) -> list[str]:
    """Names of the XML parts of the xlsx `data` that do not parse (empty when all do)."""
    bad = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                try:
                    ElementTree.fromstring(archive.read(name))
                except ElementTree.ParseError:
                    bad.append(name)
    return bad


def _escaped_names_workbook() -> bytes:
    """An openpyxl workbook whose texts, comment and sheet name hold escaped controls."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Décl_x0007_aration"
    sheet.append(list(templates.MC.headers))
    sheet.append(["10/2026", "1234567A", "MARTIN", "Hu_x001B_go", date(2023, 3, 14), 120.5, 4, 900])
    sheet["D2"].comment = Comment("Prénom _x0000_ à vérifier", "Directrice")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _annotated(data: bytes) -> bytes:
    return annotate(data, check_workbook(data, "x.xlsx", today=TODAY).findings)


WRITERS = {
    "blank MC": lambda: blank_template(templates.MC),
    "blank GAD": lambda: blank_template(templates.GAD),
    "annotated, hand-written escapes": lambda: _annotated(hostile.control_characters_in_names()),
    "annotated, openpyxl escapes": lambda: _annotated(_escaped_names_workbook()),
    "corrected": lambda: correct_workbook(_escaped_names_workbook(), "MC").data,
    "bilan": lambda: render_bilan_xlsx(
        samples.bilan(
            3,
            structure=Structure("12345678901234", f"Crèche{CONTROLS}", "MC", "Angers"),
            lines=(BilanLine(3, "0123456", f"Hu{CONTROLS}go", "traitée", f"Motif{ESCAPES}"),),
        )
    ),
    "demo file": lambda: demo_workbook(templates.MC, [{"child_first_name": f"Léa{ESCAPES}"}]),
}


@pytest.mark.parametrize("name", WRITERS)
def test_every_xml_part_of_every_generated_workbook_is_well_formed(name):
    data = WRITERS[name]()
    assert well_formed(data) == []
    load_workbook(io.BytesIO(data))  # and it opens


def test_the_annotated_copy_of_a_file_with_control_characters_opens_with_its_comments():
    book = load_workbook(io.BytesIO(_annotated(hostile.control_characters_in_names())))
    comment = book.worksheets[1]["D3"].comment.text
    assert "Hu\ufffdgo" in comment  # the odd character is shown, not written raw
    assert "Hu_x001B_go" not in comment and "\x1b" not in comment


def test_the_annotated_copy_keeps_the_users_comment_without_its_control_characters():
    book = load_workbook(io.BytesIO(_annotated(_escaped_names_workbook())))
    sheet = book["Déclaration"]
    assert "Prénom  à vérifier" in sheet["D2"].comment.text
    assert book.sheetnames == ["Erreurs", "Déclaration"]


@pytest.mark.parametrize("character", list(CONTROLS))
def test_each_helper_drops_every_character_xml_cannot_hold(character):
    if character in "\t\n\r":
        assert strip_controls(character) == character
        return
    text = f"A{character}B"
    assert strip_controls(text) == "AB"
    assert cell_value(text) == "AB" and comment_text(text) == "AB" and sheet_title(text) == "AB"


@pytest.mark.parametrize("escape", ESCAPES.split())
def test_escapes_that_decode_to_a_control_character_are_dropped_too(escape):
    assert strip_controls(f"A{escape}B") == "AB"
    assert strip_controls("A_x0041_B _x000D_") == "A_x0041_B _x000D_"  # a letter, a CR


def test_a_sheet_title_loses_what_excel_forbids_and_keeps_31_characters():
    assert sheet_title("Mars: [bis]/2026?*\\") == "Mars   bis  2026"
    assert sheet_title("x" * 40) == "x" * 31
    assert sheet_title("\x07") == "Feuille"
