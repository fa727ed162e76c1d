"""Version corrigée: corrections listed one by one, corrected file re-checked and handed out."""

from __future__ import annotations

from datetime import date

from cmg_core.precheck import check_workbook
from tests.pages.conftest import open_page, texts, upload
from tests.pages.partner_files import faulty_mc, mc_row, valid_mc, workbook_bytes

PAGE = "pages/partners/correction.py"


def test_each_correction_is_listed_with_its_cell_before_after_and_reason() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())

    assert app.subheader[0].value == "2 corrections faites"
    table = app.table[0].value
    assert table.index.name == "Cellule"
    assert list(table.columns) == ["Avant", "Après", "Pourquoi"]
    assert tuple(table.loc["B3", ["Avant", "Après"]]) == ("0654321A", "0654321")
    assert tuple(table.loc["F3", ["Avant", "Après"]]) == ("100,5", "100")
    assert "inférieure" in table.loc["F3", "Pourquoi"]


def test_spaces_removed_around_a_text_are_shown_between_quotes() -> None:
    data = workbook_bytes([mc_row(child_last_name=" Martin ", total_hours=20.5)])

    table = upload(open_page(PAGE), "mars.xlsx", data).table[0].value

    assert table.loc["C2", "Avant"] == "“ Martin ”"
    assert table.loc["C2", "Après"] == "Martin"


def test_the_corrected_file_is_checked_again_and_passes(downloads) -> None:
    app = upload(open_page(PAGE), "mars.xlsx", faulty_mc())

    assert "Prêt à déposer" in app.success[0].value
    assert "déposez la version corrigée" in texts(app)
    name, data = downloads.of(app.download_button(key="correction_download"))
    assert name == "mars-corrige.xlsx"
    assert check_workbook(data, name, today=date.today()).valid


def test_what_cannot_be_corrected_safely_is_left_to_the_partner() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", workbook_bytes([mc_row(allocataire="123456")]))

    assert "Aucune correction automatique" in app.info[0].value
    assert "À corriger" in app.error[0].value
    assert "Colonne B" in texts(app)
    assert not app.download_button


def test_a_file_already_ready_needs_no_correction() -> None:
    app = upload(open_page(PAGE), "mars.xlsx", valid_mc())

    assert "Prêt à déposer" in app.success[0].value
    assert not app.table
    assert not app.download_button


def test_the_file_checked_on_the_precheck_page_is_used_without_uploading_again() -> None:
    app = upload(open_page("pages/partners/precheck.py"), "mars.xlsx", faulty_mc())

    app.switch_page(PAGE).run()

    assert "mars.xlsx" in texts(app)
    assert "Prêt à déposer" in app.success[0].value


def test_a_file_that_is_not_a_workbook_cannot_be_corrected() -> None:
    app = upload(open_page(PAGE), "mars.ods", b"PK\x03\x04 not really a workbook")

    assert not app.exception
    assert "ne peut pas être corrigé automatiquement" in app.warning[0].value
