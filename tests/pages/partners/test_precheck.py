"""Pré-contrôle: verdict, findings at their cell, grid, downloads, next step."""

from __future__ import annotations

import json
import tomllib
from io import BytesIO

from openpyxl import load_workbook

from cmg_core import guide
from cmg_core.templates import GAD
from tests.pages.conftest import ROOT, open_page, texts, upload
from tests.pages.partner_files import faulty_mc, last_month, mc_row, valid_mc, workbook_bytes

PAGE = "pages/partners/precheck.py"


def test_before_any_upload_the_page_asks_for_a_file() -> None:
    app = open_page(PAGE)

    assert app.file_uploader[0].label.startswith("Votre fichier mensuel")
    assert not app.download_button
    assert "Choisissez votre fichier" in app.info[0].value


def test_the_uploader_takes_any_file_up_to_the_20_mb_of_ds() -> None:
    uploader = open_page(PAGE).file_uploader[0]

    assert uploader.allowed_type == []
    assert uploader.proto.max_upload_size_mb == 20
    assert not uploader.accept_multiple_files


def test_the_portal_config_limits_uploads_to_20_mb_and_uses_the_state_colours() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))

    assert config["server"]["maxUploadSize"] == 20
    assert config["theme"]["primaryColor"] == "#000091"
    assert config["theme"]["redColor"] == "#E1000F"


def test_a_valid_file_is_ready_to_deposit_with_the_ds_link() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", valid_mc())

    assert not app.exception
    assert "Prêt à déposer" in app.success[0].value
    assert not app.error
    assert "Étape suivante" in texts(app)
    assert not app.download_button
    assert list(app.dataframe[0].value.index) == [2, 3]


def test_a_faulty_file_is_to_correct_with_the_error_named_at_its_cell() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())

    assert "À corriger" in app.error[0].value
    text = texts(app)
    assert "Ligne 3" in text
    assert "**Colonne B** : Le numéro allocataire" in text
    assert "Étape suivante" not in text
    assert any(
        link.proto.label == "Obtenir une version corrigée de ce fichier"
        for link in app.get("page_link")
    )


def test_the_annotated_workbook_marks_the_faulty_cell(downloads) -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())

    name, data = downloads.of(app.download_button(key="precheck_downloads_xlsx"))
    book = load_workbook(BytesIO(data))
    assert name == "mars-annote.xlsx"
    assert book.sheetnames[0] == "Erreurs"
    assert book.worksheets[1]["B3"].comment is not None


def test_the_reports_download_as_french_csv_and_as_json(downloads) -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())

    csv_name, csv_data = downloads.of(app.download_button(key="precheck_downloads_csv"))
    _, json_data = downloads.of(app.download_button(key="precheck_downloads_json"))
    assert csv_name == "mars-rapport.csv"
    assert csv_data.startswith(b"\xef\xbb\xbf") and b";B3;" in csv_data
    report = json.loads(json_data)
    assert report["valid"] is False
    assert ("allocataire.format", 3, "B") in {
        (f["code"], f["row"], f["column"]) for f in report["findings"]
    }


def test_a_csv_file_gets_the_clear_format_finding_instead_of_a_refusal() -> None:
    app = upload(open_page(PAGE), "mars.csv", b"MOIS CONCERNE (MM/AAAA);NUMERO\n02/2026;0123456\n")

    assert not app.exception
    assert "À corriger" in app.error[0].value
    assert "Classeur Excel (.xlsx)" in texts(app)
    assert not app.dataframe
    assert not [link for link in app.get("page_link") if "corrigée" in link.proto.label]


def test_the_errors_only_filter_hides_the_warnings() -> None:
    rows = [
        mc_row(
            allocataire=f"012345{i}", child_last_name=f"Roy{'abcde'[i]}", total_hours=10, amount=80
        )
        for i in range(5)
    ] + [mc_row(allocataire="12", child_last_name="Roy")]
    app = upload(open_page(PAGE), "mars.xlsx", workbook_bytes(rows))
    assert "Avertissement" in texts(app)

    toggle = next(t for t in app.toggle if t.label == "Seulement les erreurs")
    toggle.set_value(True).run()

    assert "Avertissement" not in texts(app)
    assert "Ligne 7" in texts(app)


def test_the_grid_shows_the_faulty_rows_of_the_file() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())

    frame = app.dataframe[0].value
    assert list(frame.index) == [3]
    assert frame.loc[3, "B · N° allocataire"] == "0654321A"


def test_a_new_file_starts_with_fresh_filters_and_grid() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())
    assert list(app.dataframe[0].value.index) == [3]

    app = upload(app, "avril.xlsx", valid_mc())

    assert list(app.dataframe[0].value.index) == [2, 3]


def test_a_garde_a_domicile_file_is_detected_and_pointed_to_its_own_demarche() -> None:
    gad = workbook_bytes([[last_month(), "0123456", 120, 0, 900, None]], GAD)

    app = upload(open_page(PAGE), "gad.xlsx", gad)

    assert "Prêt à déposer" in app.success[0].value
    assert "Garde à domicile (GAD)" in texts(app)
    assert guide.demarche_url("GAD") in [b.proto.url for b in app.get("link_button")]


def test_a_file_of_the_other_template_is_refused_when_the_partner_chose_one() -> None:
    gad = workbook_bytes([[last_month(), "0123456", 120, 0, 900, None]], GAD)
    app = open_page(PAGE)
    app.radio[0].set_value("MC").run()

    app = upload(app, "gad.xlsx", gad)

    assert "À corriger" in app.error[0].value
    assert "modèle micro-crèche est attendu" in texts(app)
