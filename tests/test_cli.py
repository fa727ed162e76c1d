"""The command line speaks French, and imports only the module of the command chosen."""

import json
import subprocess
import sys

import pytest

from cmg_core.cli import COMMANDS, build_parser
from tests.precheck.workbooks import mc_row, mc_workbook

from .conftest import ROOT

HEAVY = ("sqlalchemy", "alembic", "httpx", "graphql", "fpdf", "faker", "argon2", "pandas")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cmg_core", *args], cwd=ROOT, capture_output=True, text=True
    )


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh interpreter holds after running the command `args`."""
    script = (
        "import json, sys\nfrom cmg_core.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_a_missing_argument_is_reported_in_french_with_exit_status_2():
    result = _run("precheck")
    assert result.returncode == 2
    assert "erreur : arguments obligatoires manquants" in result.stderr


def test_the_help_lists_the_commands_in_french(capsys):
    with pytest.raises(SystemExit) as exit:
        build_parser(["--help"]).parse_args(["--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : python -m cmg_core")
    for name, (_, help_text) in COMMANDS.items():
        assert name in out and help_text.split(" (")[0] in " ".join(out.split()), name


def test_the_help_imports_no_command_module_nor_any_heavy_library():
    loaded = _modules_after("--help")
    assert {m for m in loaded if m.startswith("cmg_core.cli.")} == {"cmg_core.cli._french"}
    assert {m.split(".")[0] for m in loaded} & {*HEAVY, "openpyxl", "numpy"} == set()


def test_a_precheck_imports_neither_the_database_nor_the_ds_client_nor_the_annotator(tmp_path):
    path = tmp_path / "mc.xlsx"
    path.write_bytes(mc_workbook([mc_row()]))
    loaded = _modules_after("precheck", str(path), "--today", "2026-11-26")
    assert "cmg_core.cli.precheck" in loaded
    assert {m for m in loaded if m.startswith("cmg_core.cli.")} == {
        "cmg_core.cli._french",
        "cmg_core.cli.precheck",
    }
    assert "cmg_core.workbook.annotate" not in loaded
    assert {m.split(".")[0] for m in loaded} & {*HEAVY, "pandera"} == set()


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_of_the_table_configures_its_parser(name, capsys):
    parser = build_parser([name])
    with pytest.raises(SystemExit) as exit:
        parser.parse_args([name, "--help"])
    assert exit.value.code == 0
    assert capsys.readouterr().out.startswith(f"utilisation : python -m cmg_core {name}")
