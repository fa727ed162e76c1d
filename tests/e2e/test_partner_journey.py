"""A partner's month in a real browser: blank template, faulty upload, marks, correction."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.portal import open_nav
from tests.pages.partner_files import last_month

pytestmark = pytest.mark.browser
TIMEOUT_MS = 60_000
FIRST_DATA_ROW = 3  # row 1: headers, row 2: the guidance texts of the blank template
FAULTY_ROW = 4


def fill_blank_template(blank: bytes, target: Path) -> None:
    """Rows 3 and 4, under the guidance row; row 4 has a key letter and decimal hours."""
    book = load_workbook(BytesIO(blank))
    sheet = book.worksheets[0]
    month = last_month()
    lines = [
        [month, "0123456", "Martin", "Léa", "14/05/2023", 120, 0, 950.5],
        [month, "0654321A", "Durand", "Jo", "02/09/2024", 100.5, 0, 800],
    ]
    for row, values in enumerate(lines, start=FIRST_DATA_ROW):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    book.save(target)


def download(page, button_name: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=button_name).click()
    return Path(info.value.path()).read_bytes()


def upload(page, path: Path) -> None:
    page.locator("input[type=file]").set_input_files(str(path))


def test_a_partner_goes_from_blank_template_to_a_file_ready_to_deposit(
    portal_url: str, browser, tmp_path: Path
) -> None:
    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(portal_url)
    page.get_by_role("heading", name="Modèles vierges").wait_for()

    blank = download(page, "Télécharger le modèle MC (.xlsx)")
    faulty = tmp_path / "mars.xlsx"
    fill_blank_template(blank, faulty)

    open_nav(page, "Pré-contrôle")
    upload(page, faulty)
    page.get_by_text("À corriger avant le dépôt").wait_for()
    row = FAULTY_ROW
    page.get_by_text(f"Ligne {row}", exact=True).first.wait_for()
    page.get_by_text("Colonne B", exact=True).first.wait_for()

    annotated = load_workbook(BytesIO(download(page, "Votre fichier annoté (.xlsx)")))
    assert annotated.sheetnames[0] == "Erreurs"
    marked = annotated.worksheets[1][f"B{row}"]
    assert marked.comment is not None
    assert marked.fill.fgColor.rgb.endswith("FFC7CE")

    open_nav(page, "Version corrigée")
    page.get_by_text(re.compile(r"^\d+ corrections? faites?$")).wait_for()
    corrected = tmp_path / "mars-corrige.xlsx"
    corrected.write_bytes(download(page, "Télécharger la version corrigée (.xlsx)"))

    open_nav(page, "Pré-contrôle")
    upload(page, corrected)
    page.get_by_text("Prêt à déposer").wait_for()
    page.get_by_role("link", name="Ouvrir la démarche de dépôt").wait_for()
    page.close()
