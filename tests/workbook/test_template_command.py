"""`python -m cmg_core template MC|GAD OUT.xlsx` writes the blank template, in French."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from cmg_core import templates
from cmg_core.cli import main
from tests.conftest import ROOT


def test_the_command_writes_the_blank_template_and_says_where(tmp_path, capsys):
    out = tmp_path / "modele.xlsx"
    assert main(["template", "gad", str(out)]) == 0
    sheet = load_workbook(out).active
    assert tuple(cell.value for cell in sheet[1]) == templates.GAD.headers
    assert capsys.readouterr().out.strip() == (
        f"Modèle vierge « Garde à domicile » écrit dans {out}."
    )


def test_an_unknown_template_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as exited:
        main(["template", "XX", str(tmp_path / "x.xlsx")])
    assert exited.value.code == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_an_output_not_ending_in_xlsx_is_refused_in_french(tmp_path, capsys):
    assert main(["template", "MC", str(tmp_path / "modele.xls")]) == 2
    assert capsys.readouterr().err.strip() == "Le fichier à écrire doit se terminer par .xlsx."


def test_an_output_in_a_missing_folder_is_refused_in_french(tmp_path, capsys):
    assert main(["template", "MC", str(tmp_path / "absent" / "modele.xlsx")]) == 2
    assert "le dossier n'existe pas" in capsys.readouterr().err


def test_the_module_runs_from_the_command_line(tmp_path):
    out = tmp_path / "mc.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "cmg_core", "template", "MC", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
