"""Modèles vierges: blank templates to download, column help, rules, DS links."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from cmg_core.templates import GAD, MC
from tests.pages.conftest import open_page, texts

PAGE = "pages/partners/blank_templates.py"


def test_both_blank_templates_download_as_workbooks_with_the_exact_headers(downloads) -> None:
    app = open_page(PAGE)

    buttons = {b.key: b for b in app.download_button}
    for template in (MC, GAD):
        name, data = downloads.of(buttons[f"blank_{template.code.value}"])
        sheet = load_workbook(BytesIO(data)).worksheets[0]
        assert name == f"modele-cmg-{template.code.value.lower()}.xlsx"
        assert tuple(c.value for c in sheet[1]) == template.headers


def test_what_each_column_expects_comes_from_the_template_declarations() -> None:
    text = texts(open_page(PAGE))

    for column in MC.columns + GAD.columns:
        assert column.header in text
        assert column.help in text


def test_the_rules_that_bite_are_on_the_page() -> None:
    text = texts(open_page(PAGE))

    for words in ("mois échu", "sans la lettre clé", "inférieure", "16 heures", "10 €", "0 €"):
        assert words in text


def test_the_ds_links_point_to_the_configured_demarches(monkeypatch) -> None:
    monkeypatch.setenv("CMG_DS_PUBLIC_URL", "https://demarche.example.fr")
    monkeypatch.setenv("CMG_DEMARCHE_MC", "7001")
    monkeypatch.setenv("CMG_DEMARCHE_GAD", "7002")

    text = texts(open_page(PAGE))

    assert "https://demarche.example.fr/commencer/7001" in text
    assert "https://demarche.example.fr/commencer/7002" in text
