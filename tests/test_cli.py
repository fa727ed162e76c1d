"""The command line speaks French, including argparse's own messages."""

import subprocess
import sys

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cmg_core", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_a_missing_argument_is_reported_in_french_with_exit_status_2():
    result = _run("precheck")
    assert result.returncode == 2
    assert "erreur : arguments obligatoires manquants" in result.stderr


def test_the_help_lists_the_commands_in_french():
    result = _run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : python -m cmg_core")
    for command in ("precheck", "template", "db", "seed", "status", "ds-sandbox"):
        assert command in result.stdout
