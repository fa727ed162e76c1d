"""Every setting is documented in the README's configuration table, and nothing else is."""

import os
import re

from cmg_core import settings

from .conftest import ROOT


def _readme_table_names() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`([A-Z_]+)`\s*\|", section, flags=re.MULTILINE))


def test_every_setting_is_documented_in_the_readme_table():
    assert _readme_table_names() == {s.name for s in settings.SETTINGS}


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
