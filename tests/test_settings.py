"""Every setting is documented in the README's configuration table, and nothing else is."""

import os
import re

from cmg_core import settings
from cmg_core.ds import demarches

from .conftest import ROOT


def _readme_tables() -> list[set[str]]:
    """The variable names of each table of the README's Configuration section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    tables = re.findall(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
    row = re.compile(r"^\|\s*`([A-Z_<>]+)`\s*\|", flags=re.MULTILINE)
    return [set(row.findall(table)) for table in tables]


def test_every_setting_is_documented_in_the_readme_table():
    assert _readme_tables()[0] == {s.name for s in settings.SETTINGS}


def test_the_readme_lists_every_member_of_the_champ_family_and_no_other():
    family = next(t for t in _readme_tables()[1:] if any("_CHAMP_" in n for n in t))
    expected = {spec.override_variable(c) for spec in demarches.DEMARCHES for c in spec.champs}
    assert family == expected
    (setting,) = [s for s in settings.SETTINGS if s.name == demarches.CHAMP_OVERRIDE]
    assert all(setting.matches(name) for name in family) and not setting.matches("CMG_DS_URL")


def test_a_family_member_reads_its_own_variable(monkeypatch):
    monkeypatch.setenv("CMG_DS_CHAMP_MC_MOIS", "Q2hhbXAtOQ==")
    monkeypatch.delenv("CMG_DS_CHAMP_GAD_MOIS", raising=False)
    family = demarches.CHAMP_OVERRIDE
    assert settings.member(family, DEMARCHE="MC", KEY="mois") == "Q2hhbXAtOQ=="
    assert settings.member(family, DEMARCHE="GAD", KEY="mois") == ""
    assert settings.members_set(family) == {"CMG_DS_CHAMP_MC_MOIS": "Q2hhbXAtOQ=="}


def test_secrets_fill_family_members_too(monkeypatch):
    monkeypatch.setenv("CMG_DS_CHAMP_MC_FICHIER", "")  # unset, and restored after the test
    assert settings.adopt({"CMG_DS_CHAMP_MC_FICHIER": "Fichier du mois"}) == [
        "CMG_DS_CHAMP_MC_FICHIER"
    ]
    assert settings.member(demarches.CHAMP_OVERRIDE, DEMARCHE="MC", KEY="fichier") == (
        "Fichier du mois"
    )


def test_a_setting_reads_the_environment_then_its_default(monkeypatch):
    monkeypatch.delenv("CMG_CAF_CODE", raising=False)
    assert settings.get("CMG_CAF_CODE") == "493"
    monkeypatch.setenv("CMG_CAF_CODE", "751")
    assert settings.get("CMG_CAF_CODE") == "751"


def test_an_empty_variable_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("CMG_CAF_NAME", "")
    assert settings.get("CMG_CAF_NAME") == "Caf de Maine-et-Loire"


def test_secrets_fill_only_documented_settings_the_environment_leaves_unset(monkeypatch):
    monkeypatch.setenv("CMG_CAF_NAME", "")  # unset, and restored after the test
    monkeypatch.setenv("CMG_CAF_CODE", "751")
    monkeypatch.delenv("NOT_A_SETTING", raising=False)
    adopted = settings.adopt(
        {"CMG_CAF_NAME": "Caf de Paris", "CMG_CAF_CODE": "999", "NOT_A_SETTING": "x"}
    )
    assert adopted == ["CMG_CAF_NAME"]
    assert settings.get("CMG_CAF_NAME") == "Caf de Paris"
    assert settings.get("CMG_CAF_CODE") == "751"
    assert "NOT_A_SETTING" not in os.environ
