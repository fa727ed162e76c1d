import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO

from pypdf import PdfReader

from cmg_core.documents.attestation_pdf import TITLE, render_attestation
from cmg_core.documents.digest import attestation_digest
from cmg_core.documents.model import ChildCare
from tests.conftest import ROOT
from tests.documents.pdf_text import pdf_pages, pdf_text
from tests.documents.samples import attestation, home_care_attestation, three_children, zoe


def test_the_attestation_is_one_page_with_its_title_month_and_caf():
    pages = pdf_pages(render_attestation(attestation()))
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    assert TITLE in text
    assert "Mois concerné : mars 2026" in text
    assert "Caf de Maine-et-Loire" in text and "Code Caf : 493" in text


def test_the_structure_is_printed_with_its_siret_in_groups_and_its_type():
    text = pdf_text(render_attestation(attestation()))
    assert "Micro-crèche Les Petits Loups" in text
    assert "123 456 789 00012" in text
    assert "Micro-crèche" in text and "Angers" in text


def test_the_allocataire_number_keeps_its_leading_zero():
    assert "0123456" in pdf_text(render_attestation(attestation()))


def test_each_child_comes_back_with_accents_hours_amount_and_end_of_care_date():
    text = pdf_text(render_attestation(attestation(*three_children())))
    assert "Côté Hélène 03/01/2021 80 0 812,00 € —" in text
    assert "Garçon Théo 30/07/2022 120 30 1 100,05 € 20/03/2026" in text
    assert "Lefèvre Jérôme 02/11/2025 0 0 0,00 € —" in text


def test_several_children_get_a_total_line():
    text = pdf_text(render_attestation(attestation(*three_children())))
    assert "Total 200 30 1 912,05 €" in text


def test_a_single_child_gets_no_total_line():
    assert "Total" not in pdf_text(render_attestation(attestation()))


def test_a_home_care_attestation_has_hours_and_amount_but_no_child_columns():
    text = pdf_text(render_attestation(home_care_attestation()))
    assert "Garde à domicile" in text
    assert "64 26 1 532,80 € —" in text
    assert "Prénom" not in text and "Date de naissance" not in text


def test_the_legal_reminder_and_the_deposit_are_printed():
    text = " ".join(pdf_text(render_attestation(attestation())).split())
    assert "certifie l'exactitude des informations déclarées" in text
    assert "articles 441-1 et 441-6 du Code pénal" in text
    assert "dossier n° 20260412, le 02/04/2026" in text


def test_the_footer_carries_the_document_id_the_data_digest_and_the_generation_time():
    a = attestation()
    text = pdf_text(render_attestation(a))
    assert f"Document n° {a.document_id}" in text
    assert f"Empreinte des données (SHA-256) : {attestation_digest(a)}" in text
    assert "le 05/04/2026 à 14 h 32" in text
    assert "Page 1 / 1" in text


def test_the_same_attestation_gives_identical_bytes():
    assert render_attestation(attestation()) == render_attestation(attestation())


def test_the_pdf_creation_date_is_the_generation_time_in_french_time():
    reader = PdfReader(BytesIO(render_attestation(attestation())))
    assert reader.metadata.creation_date.replace(tzinfo=None) == datetime(2026, 4, 5, 14, 32)
    assert reader.metadata["/CreationDate"].endswith("+02'00'")


def test_names_outside_windows_1252_are_transliterated_instead_of_failing():
    child = replace(zoe(), last_name="Wiśniewski", first_name="Łukasz 👶")
    text = pdf_text(render_attestation(attestation(child)))
    assert "Wisniewski Lukasz" in text


def test_a_long_name_wraps_inside_its_cell_and_comes_back_whole():
    child = replace(zoe(), last_name="Dupont-Sánchez de la Fuente y Ortega")
    text = " ".join(pdf_text(render_attestation(attestation(child))).split())
    assert "Dupont-Sánchez de la Fuente y Ortega" in text


def test_many_lines_continue_on_a_second_page_with_the_header_row_again():
    children = tuple(
        ChildCare(f"Nom{i}", f"Prénom{i}", date(2022, 1, 1), 100, 0, zoe().amount)
        for i in range(40)
    )
    pages = pdf_pages(render_attestation(attestation(*children)))
    assert len(pages) == 2
    assert "Montant de la" in pages[1] and "Nom39" in pages[1]
    assert "Page 2 / 2" in pages[1]


def test_a_generation_time_in_utc_is_printed_in_french_time():
    utc_time = datetime(2026, 4, 5, 12, 32, tzinfo=UTC)
    text = pdf_text(render_attestation(attestation(generated_at=utc_time)))
    assert "le 05/04/2026 à 14 h 32" in text


def test_the_bytes_do_not_depend_on_the_machine_time_zone():
    script = (
        "import sys\n"
        "from tests.documents.samples import attestation\n"
        "from cmg_core.documents.attestation_pdf import render_attestation\n"
        "sys.stdout.buffer.write(render_attestation(attestation()))\n"
    )
    env = {**os.environ, "TZ": "America/New_York", "PYTHONPATH": str(ROOT)}
    other = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, check=True
    ).stdout
    assert other == render_attestation(attestation())
