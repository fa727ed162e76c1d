"""The `db upgrade`, `seed` and `status` commands, end to end on a real database."""

from __future__ import annotations

import json

import pytest

from cmg_core.cli import main
from cmg_core.db import migrate
from cmg_core.db.session import dispose_all
from cmg_core.referential import shares


@pytest.fixture
def database(db_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", db_url)
    yield db_url
    dispose_all()


def _status(capsys) -> dict:
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_db_upgrade_creates_the_database_at_database_url(database, capsys):
    assert main(["db", "upgrade"]) == 0
    assert f"révision {migrate.head()}." in capsys.readouterr().out  # the newest script
    assert migrate.current(database) == migrate.head()


def test_seed_twice_gives_identical_counts(database, capsys):
    assert main(["seed", "--families", "100"]) == 0
    first = _status(capsys)["tables"]
    assert main(["seed", "--families", "100"]) == 0
    assert "déjà en place" in capsys.readouterr().out
    assert _status(capsys)["tables"] == first
    assert first["allocataires"] == 100 and first["partners"] == 20


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_status_prints_the_seed_s_documented_shares(database, capsys):
    main(["seed", "--families", "100"])
    reported = _status(capsys)["referential"]["shares"]
    for name, documented in shares.DOCUMENTED_SHARES.items():
        assert reported[name]["share"] == documented
    assert main(["status"]) == 0
    text = capsys.readouterr().out
    assert "familles avec jumeaux : 2 (2,0 %, documenté 2,0 %)" in text
    assert "dossiers en cours de mise à jour : 4 (4,0 %" in text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_status_on_an_empty_database_says_to_upgrade_first(database, capsys):
    assert main(["status"]) == 1
    assert "db upgrade" in capsys.readouterr().err


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_seed_demo_submits_the_demo_dossiers_to_the_sandbox_once(
    database, capsys, tmp_path, monkeypatch
):
    from cmg_core.ds.sandbox import SandboxStore

    monkeypatch.setenv("CMG_SANDBOX_DB", str(tmp_path / "sandbox.db"))
    # the past year is left out here (--months 0): tests/demo replays it on its own
    assert main(["seed", "--demo", "--families", "60", "--months", "0"]) == 0
    assert "fichiers mensuels déposés dans le bac à sable DS" in capsys.readouterr().out
    assert main(["seed", "--demo", "--families", "60", "--months", "0"]) == 0
    assert "déjà dans le bac à sable DS" in capsys.readouterr().out
    store = SandboxStore()
    try:
        with store.read() as db:
            assert db.execute("select count(*) from dossiers").fetchone()[0] == 7
    finally:
        store.close()
