"""`python -m cmg_core ds-sandbox serve | submit | update`, and `ds check` against a sandbox
served with `--shuffle-ids`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from cmg_core.cli import main
from cmg_core.db import migrate
from cmg_core.db.session import dispose_all
from cmg_core.ds.demarches import HABILITATIONS, MC
from cmg_core.ds.ids import global_id
from cmg_core.ds.sandbox import Sandbox
from tests.conftest import ROOT
from tests.ds.conftest import FAST_RETRY, by_key


@pytest.fixture
def sandbox_db(tmp_path, monkeypatch):
    path = tmp_path / "ds-sandbox.db"
    monkeypatch.setenv("CMG_SANDBOX_DB", str(path))
    return path


def test_submit_deposits_a_monthly_file_that_the_client_then_reads(sandbox_db, tmp_path, capsys):
    workbook = tmp_path / "octobre.xlsx"
    workbook.write_bytes(b"PK fake workbook")
    argv = ["ds-sandbox", "submit", "--demarche", "MC", "--siret", "12345678901234"]
    argv += ["--email", "gest@creche.fr", "--file", str(workbook)]
    argv += ["--field", "Mois concerné (MM/AAAA)=10/2026"]
    assert main(argv) == 0
    assert "Dossier n° 1 déposé (en construction)" in capsys.readouterr().out
    with Sandbox(sandbox_db) as sandbox, sandbox.client(retry=FAST_RETRY) as client:
        (dossier,) = client.dossier_page(MC.number).dossiers
        assert by_key(sandbox, dossier)["mois"] == "10/2026"
        assert client.download(dossier.files[0]) == b"PK fake workbook"


def test_submit_of_an_habilitation_takes_its_champs_by_label(sandbox_db, capsys):
    argv = ["ds-sandbox", "submit", "--demarche", "habilitations", "--siret", "12345678901234"]
    argv += ["--email", "gestionnaire@creche.fr"]
    for pair in (
        "Opération=MODIFICATION",
        "Civilité=Madame",
        "Prénom=Anne",
        "Nom=Durand",
        "Courriel=anne@creche.fr",
        "Courriel de l'agent à modifier=old@creche.fr",
    ):
        argv += ["--field", pair]  # fmt: skip
    assert main(argv) == 0
    with Sandbox(sandbox_db) as sandbox, sandbox.client(retry=FAST_RETRY) as client:
        (dossier,) = client.dossier_page(HABILITATIONS.number).dossiers
        values = by_key(sandbox, dossier)
    assert values["operation"] == "MODIFICATION" and values["siret"] == "12345678901234"
    assert values["courriel_agent_a_modifier"] == "old@creche.fr"


def test_submit_without_required_champs_is_refused_in_french(sandbox_db, capsys):
    argv = ["ds-sandbox", "submit", "--demarche", "habilitations", "--siret", "12345678901234"]
    assert main([*argv, "--email", "a@b.fr", "--field", "Opération=AJOUT"]) == 1
    assert "Champs obligatoires manquants : Civilité, Prénom, Nom, Courriel" in (
        capsys.readouterr().err
    )


def test_update_replaces_the_file_of_a_dossier_en_construction(sandbox_db, tmp_path, capsys):
    first, second = tmp_path / "v1.xlsx", tmp_path / "v2.xlsx"
    first.write_bytes(b"v1")
    second.write_bytes(b"v2")
    base = ["ds-sandbox", "submit", "--demarche", "GAD", "--siret", "12345678901234"]
    assert main([*base, "--email", "a@b.fr", "--file", str(first)]) == 0
    assert main(["ds-sandbox", "update", "1", "--file", str(second)]) == 0
    assert "Dossier n° 1 modifié." in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_with_shuffled_ids_answers_on_its_port_and_ds_check_finds_it_ready(
    sandbox_db, tmp_path, monkeypatch, capsys
):
    port = _free_port()
    command = [sys.executable, "-m", "cmg_core", "ds-sandbox", "serve", "--port", str(port)]
    command.append("--shuffle-ids")
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert "Bac à sable DS à l'écoute" in server.stdout.readline()
        deadline = time.monotonic() + 10
        while True:
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/api/v2/graphql", json={})
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert answer.status_code == 403  # no token
        url = f"sqlite:///{tmp_path / 'cmg.db'}"
        migrate.upgrade(url)
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("CMG_DS_URL", f"http://127.0.0.1:{port}")
        assert main(["ds", "check"]) == 0
        out = capsys.readouterr().out
        assert "Prêt : le back office peut travailler avec ce DS." in out
        assert "(trouvé par son libellé)" in out and global_id("Champ", 1201) not in out
    finally:
        server.terminate()
        server.wait(timeout=10)
        dispose_all()


def test_serve_with_shuffled_ids_refuses_a_sandbox_created_with_fixed_ones(sandbox_db, capsys):
    with Sandbox(sandbox_db):
        pass
    assert main(["ds-sandbox", "serve", "--shuffle-ids", "--port", str(_free_port())]) == 1
    assert "identifiants de champs fixes" in capsys.readouterr().err
