"""`python -m cmg_core precheck`: the French summary, the JSON object, the exit statuses.

The command runs in process (`cli.main`, whose return value is the exit status); one test runs
it as a real process to check the statuses the shell sees.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cmg_core.cli import main
from tests.precheck.workbooks import mc_row, mc_workbook, varied_mc_rows

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def precheck(capsys):
    """Run `precheck ARGS` in process: its exit status and what it printed."""

    def run(*args: str) -> Result:
        try:
            code = main(["precheck", *args])
        except SystemExit as exit:  # argparse refusing the arguments
            code = exit.code
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("precheck-cli")
    valid = folder / "valide.xlsx"
    valid.write_bytes(mc_workbook(varied_mc_rows(3)))
    invalid = folder / "erreurs.xlsx"
    invalid.write_bytes(mc_workbook([mc_row(allocataire="1234567A"), mc_row(month="11/2026")]))
    return {"valid": valid, "invalid": invalid, "folder": folder}


def test_a_valid_file_prints_one_json_object_and_exits_zero(files, precheck):
    result = precheck(str(files["valid"]), "--today", "2026-11-26", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "file": "valide.xlsx",
        "template": "MC",
        "month": "10/2026",
        "valid": True,
        "rows": 3,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }


def test_an_invalid_file_prints_its_findings_as_json_and_exits_one(files, precheck):
    result = precheck(str(files["invalid"]), "--today", "2026-11-26", "--json", "--template", "MC")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["counts"]["error"] == 3
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "row", "column", "field", "value", "message", "hint"}
    assert (first["code"], first["row"], first["column"]) == ("allocataire.format", 2, "B")
    assert "clé" in result.stdout  # accents kept as they are (ensure_ascii=False)


def test_the_human_summary_gives_the_verdict_counts_and_findings_by_row(files, precheck):
    result = precheck(str(files["invalid"]), "--today", "2026-11-26")
    assert result.returncode == 1
    assert "NON VALIDE" in result.stdout and "3 erreurs" in result.stdout
    assert "Ligne 2 :" in result.stdout and "[B2]" in result.stdout


def test_a_missing_file_exits_two_with_a_french_message(files, precheck):
    result = precheck(str(files["folder"] / "absent.xlsx"))
    assert result.returncode == 2
    assert "introuvable" in result.stderr


def test_bad_arguments_exit_two(files, precheck):
    assert precheck(str(files["valid"]), "--today", "26/11/2026").returncode == 2
    assert precheck(str(files["valid"]), "--template", "XYZ").returncode == 2


def test_an_unwritable_annotated_copy_exits_two(files, precheck):
    out = files["folder"] / "absent-folder" / "annote.xlsx"
    result = precheck(str(files["invalid"]), "--today", "2026-11-26", "--annotate", str(out))
    assert result.returncode == 2


def test_the_annotated_copy_lists_the_findings_on_a_first_sheet(files, precheck):
    out = files["folder"] / "annote.xlsx"
    result = precheck(str(files["invalid"]), "--today", "2026-11-26", "--annotate", str(out))
    assert result.returncode == 1
    book = load_workbook(out)
    assert book.sheetnames[0] == "Erreurs"
    assert book["Erreurs"].max_row == 1 + 3


def test_a_file_that_is_not_a_workbook_is_invalid_not_a_crash(files, precheck):
    path = files["folder"] / "notes.xlsx"
    path.write_bytes(b"\x00\x01 pas un classeur")
    result = precheck(str(path), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["row"] is None


def test_the_process_exits_with_the_status_the_shell_sees(files):
    def status(*args: str) -> int:
        command = [sys.executable, "-m", "cmg_core", "precheck", *args, "--today", "2026-11-26"]
        return subprocess.run(command, cwd=ROOT, capture_output=True, timeout=60).returncode

    assert status(str(files["valid"])) == 0
    assert status(str(files["invalid"])) == 1
    assert status(str(files["folder"] / "absent.xlsx")) == 2
