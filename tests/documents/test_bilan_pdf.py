import re

from cmg_core.documents.bilan_pdf import render_bilan_pdf
from cmg_core.documents.digest import bilan_digest
from cmg_core.documents.model import BilanLine
from tests.documents.pdf_text import pdf_pages, pdf_text
from tests.documents.samples import HOME_CARE, bilan


def test_the_bilan_shows_its_title_structure_month_and_deposit():
    text = " ".join(pdf_text(render_bilan_pdf(bilan(6))).split())
    assert "Bilan de traitement" in text
    assert "Micro-crèche Les Petits Loups" in text and "SIRET 123 456 789 00012" in text
    assert "mois de mars 2026" in text
    assert "Dossier n° 20260412 déposé sur demarches-simplifiees.fr le 02/04/2026" in text
    assert "traité le 06/04/2026 à 9 h 05" in text


def test_the_summary_counts_received_processed_transmitted_and_rejected_lines():
    first_page = " ".join(pdf_pages(render_bilan_pdf(bilan(40)))[0].split())
    assert "40 Lignes reçues 14 Traitées 13 Transmises à un gestionnaire 13 Rejetées" in first_page


def test_a_bilan_of_120_lines_spans_several_numbered_pages():
    pages = pdf_pages(render_bilan_pdf(bilan(120)))
    assert len(pages) == 8
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} / 8" in page


def test_the_header_row_is_repeated_on_every_page():
    pages = pdf_pages(render_bilan_pdf(bilan(120)))
    for page in pages:
        assert "N° allocataire" in page and "Action attendue" in page


def test_every_line_of_a_120_line_bilan_appears_with_its_allocataire_number():
    b = bilan(120)
    text = pdf_text(render_bilan_pdf(b))
    for line in b.lines:
        assert re.search(rf"\b{line.row} {line.allocataire}\b", text), line.row


def test_each_line_shows_its_outcome_reason_and_expected_action():
    text = " ".join(pdf_text(render_bilan_pdf(bilan(3))).split())
    assert "Traitée Attestation enregistrée. Aucune" in text
    assert "Rejetée Numéro allocataire inconnu de la Caf." in text
    assert "Vérifiez le numéro allocataire et déposez une correction." in text
    assert "Transmise à un gestionnaire" in text


def test_a_home_care_bilan_has_no_child_column():
    text = pdf_text(render_bilan_pdf(bilan(4, HOME_CARE)))
    assert "Enfant" not in text
    assert "garde à domicile" in text


def test_the_footer_carries_the_document_id_and_the_data_digest():
    b = bilan(5)
    text = pdf_text(render_bilan_pdf(b))
    assert f"Document n° {b.document_id}" in text
    assert bilan_digest(b) in text


def test_a_bilan_without_lines_says_so():
    text = pdf_text(render_bilan_pdf(bilan(0)))
    assert "Aucune ligne n'a été lue dans ce dépôt." in text


def test_an_unusual_outcome_is_counted_apart_and_printed_as_given():
    b = bilan(2, lines=(BilanLine(3, "0000001", "Léa Roy", "en attente", "Contrôle en cours."),))
    text = " ".join(pdf_text(render_bilan_pdf(b)).split())
    assert "Autres résultats" in text and "En attente" in text


def test_the_same_bilan_gives_identical_bytes():
    assert render_bilan_pdf(bilan(30)) == render_bilan_pdf(bilan(30))


def test_names_outside_windows_1252_are_transliterated_in_the_bilan():
    b = bilan(1, lines=(BilanLine(3, "0000001", "Łukasz Nguyễn 👶", "traitée", "Enregistrée."),))
    assert "Lukasz Nguyen" in pdf_text(render_bilan_pdf(b))
