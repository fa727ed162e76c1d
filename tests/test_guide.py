"""French help content for partners (cmg_core/guide.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from cmg_core import guide
from cmg_core.findings import Finding, Severity
from cmg_core.templates import GAD, MC


def finding(code: str, row: int | None = 12, column: str | None = "B") -> Finding:
    return Finding(code, Severity.ERROR, row, column, "NUMERO ALLOCATAIRE", "123", "m", "h")


def test_column_help_follows_the_template_columns_in_order() -> None:
    lines = guide.column_help(MC)

    assert [line.letter for line in lines] == list("ABCDEFGHI")
    assert lines[1].header == "NUMERO ALLOCATAIRE"
    assert lines[1].help == MC.column("allocataire").help
    assert [line.required for line in guide.column_help(GAD)][-1] is False


def test_the_rules_that_bite_are_all_told() -> None:
    text = " ".join(f"{r.title} {r.text}" for r in guide.RULES)

    for words in ("mois échu", "7 chiffres", "inférieure", "16 heures", "10 €", "0 heure et 0 €"):
        assert words in text


def test_demarche_links_are_built_from_the_settings(monkeypatch) -> None:
    monkeypatch.setenv("CMG_DS_PUBLIC_URL", "https://demarche.example.fr/")
    monkeypatch.setenv("CMG_DEMARCHE_MC", "4242")

    assert guide.demarche_url("MC") == "https://demarche.example.fr/commencer/4242"
    assert guide.habilitations_url().startswith("https://demarche.example.fr/commencer/")


def test_a_configured_demarche_page_is_used_as_it_is(monkeypatch) -> None:
    monkeypatch.setenv("CMG_DS_LINK_GAD", "https://demarche.numerique.gouv.fr/commencer/cmg-gad")

    assert guide.demarche_url("GAD") == "https://demarche.numerique.gouv.fr/commencer/cmg-gad"


def test_demarche_links_fall_back_on_the_ds_url(monkeypatch) -> None:
    monkeypatch.delenv("CMG_DS_PUBLIC_URL", raising=False)
    monkeypatch.setenv("CMG_DS_URL", "http://127.0.0.1:8765")

    assert guide.demarche_url("GAD").startswith("http://127.0.0.1:8765/commencer/")


def test_big_numbers_are_grouped_by_thousands() -> None:
    assert guide.number(2500) == "2\u202f500"
    assert guide.counted(1, "correction faite", "corrections faites") == "1 correction faite"
    assert guide.counted(5000, "ligne", "lignes") == "5\u202f000 lignes"


def test_counts_are_written_in_plain_french() -> None:
    assert guide.count_text(0, Severity.ERROR) == "aucune erreur"
    assert guide.count_text(1, Severity.ERROR) == "1 erreur"
    assert guide.count_text(3, Severity.WARNING) == "3 avertissements"
    assert guide.count_text(0, Severity.WARNING) == "aucun avertissement"


def test_findings_are_sorted_into_kinds_a_partner_names() -> None:
    assert guide.finding_kind(finding("allocataire.format")) == "Numéro allocataire"
    assert guide.finding_kind(finding("unknown.code")) == "Autres"


def test_values_are_shown_as_a_french_reader_expects() -> None:
    assert guide.format_value(datetime(2023, 5, 14)) == "14/05/2023"
    assert guide.format_value(date(2023, 5, 14)) == "14/05/2023"
    assert guide.format_value(15.5) == "15,5"
    assert guide.format_value(120.0) == "120"
    assert guide.format_value(Decimal("9.50")) == "9,50"
    assert guide.format_value(None) == ""


def test_a_blank_template_file_name_says_its_template() -> None:
    assert guide.template_filename(GAD) == "modele-cmg-gad.xlsx"


def test_short_column_labels_stand_for_the_exact_headers() -> None:
    assert guide.short_label("NUMERO ALLOCATAIRE") == "N° allocataire"
    assert guide.short_label("COLONNE INCONNUE") == "COLONNE INCONNUE"
    assert set(guide.SHORT_LABELS) == {c.key for c in MC.columns}
