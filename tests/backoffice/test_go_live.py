"""Going live without editing code, through the command line, against a DS sandbox whose champ
ids are unknown to the code (random per database) over real HTTP: `ds check`, a demo pass,
revisions that rename or replace a needed champ, the production guards."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa

from cmg_core.cli import main
from cmg_core.db.models import Attestation, DsChampId, DsDossier
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds import DossierState
from cmg_core.ds.demarches import GAD
from cmg_core.ds.sandbox import Sandbox
from tests.backoffice import world

TODAY = ["--today", world.TODAY.isoformat()]
FILE, MOIS = "Fichier mensuel (modèle Excel)", "Mois concerné (MM/AAAA)"


@dataclass
class Live:
    sandbox: Sandbox
    url: str


@pytest.fixture
def live(tmp_path, monkeypatch) -> Iterator[Live]:
    """The settings of a deployment whose CMG_DS_URL is a sandbox with shuffled ids."""
    url = f"sqlite:///{tmp_path / 'cmg.db'}"
    for name, value in {
        "DATABASE_URL": url,
        "CMG_STORAGE_DIR": str(tmp_path / "storage"),
        "CMG_SANDBOX_DB": str(tmp_path / "ds-sandbox.db"),
        "CMG_LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    with Sandbox(tmp_path / "ds-sandbox.db", shuffle_ids=True) as sandbox:
        monkeypatch.setenv("CMG_DS_URL", sandbox.url)
        yield Live(sandbox, url)
    dispose_all()


def _gad(live: Live, name: str, **fields: str) -> int:
    file = world.gad_file(world.OCTOBER, {"2000001": 60}, name)
    deposited = live.sandbox.submit(
        "GAD", siret=world.GAD_SIRET, email=world.GAD_MANAGER, files=[file], fields=fields
    )
    return deposited.number


def _state(live: Live, number: int) -> DossierState:
    with live.sandbox.client() as client:
        return client.dossier(number).state


def test_with_shuffled_ids_the_check_passes_and_the_demo_makes_attestations(live, capsys):
    assert main(["ds", "check"]) == 0
    out = capsys.readouterr().out
    assert f"DS visé : le bac à sable DS local ({live.sandbox.url})." in out
    assert "Prêt : le back office peut travailler avec ce DS." in out
    assert main(["seed", "--demo", "--families", "300", "--months", "0"]) == 0
    assert main(["run", "--once"]) == 0
    with session_scope(live.url) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Attestation)) > 0
        kept = session.scalars(sa.select(DsChampId.descriptor_id)).all()
    served = {
        i for d in live.sandbox.store.demarches() for i in (c.descriptor_id for c in d.champs)
    }
    assert set(kept) <= served and len(kept) == 13


def test_an_unknown_demarche_number_makes_the_check_fail_naming_it(live, monkeypatch, capsys):
    monkeypatch.setenv("CMG_DEMARCHE_MC", "987654")
    assert main(["ds", "check"]) == 1
    out = capsys.readouterr().out
    assert "Problème : Démarche 987654 (CMG_DEMARCHE_MC) : introuvable sur DS" in out
    assert "Pas prêt : 1 problème à régler." in out


def test_a_renamed_champ_is_followed_and_a_replaced_one_stops_the_pass_until_set(
    live, monkeypatch, capsys
):
    world.seed(live.url)
    first = _gad(live, "octobre.xlsx", **{MOIS: "10/2026"})
    assert main(["run", "--once", *TODAY]) == 0
    assert _state(live, first) is DossierState.ACCEPTE

    live.sandbox.revise("GAD", renames={MOIS: "Mois de garde"})
    renamed = _gad(live, "octobre-bis.xlsx", **{"Mois de garde": "10/2026"})
    assert main(["run", "--once", *TODAY]) == 0
    assert _state(live, renamed) is DossierState.ACCEPTE
    capsys.readouterr()
    assert main(["ds", "check"]) == 0
    assert f"le champ « {MOIS} » s'appelle désormais « Mois de garde »" in capsys.readouterr().out

    live.sandbox.revise("GAD", replaces={FILE: "Fichier du mois"})
    replaced = _gad(live, "octobre-ter.xlsx")
    assert main(["run", "--once", *TODAY]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Démarche {GAD.number} (")
    assert f"aucun champ « {FILE} » de type pièce justificative" in err[0]
    assert "« Fichier du mois »" in err[0] and "CMG_DS_CHAMP_GAD_FICHIER" in err[0]
    with session_scope(live.url) as session:
        waiting = session.scalars(sa.select(DsDossier).where(DsDossier.number == replaced)).one()
        assert waiting.status == "pending"

    monkeypatch.setenv("CMG_DS_CHAMP_GAD_FICHIER", "Fichier du mois")
    assert main(["run", "--once", *TODAY]) == 0
    assert _state(live, replaced) is DossierState.ACCEPTE
    with session_scope(live.url) as session:
        row = session.get(DsChampId, (GAD.number, "fichier"))
        assert (
            row.descriptor_id == live.sandbox.demarche("GAD").champ("Fichier du mois").descriptor_id
        )
        assert len(row.previous_ids) == 1  # dossiers of the first revisions are still read


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("no request may leave before the settings are checked")

    monkeypatch.setattr(httpx.Client, "send", refuse)


def test_a_real_ds_without_its_token_is_refused_before_any_network_call(
    live, monkeypatch, capsys, no_network
):
    monkeypatch.setenv("CMG_DS_URL", "https://demarche.numerique.gouv.fr")
    assert main(["run", "--once"]) == 2
    err = capsys.readouterr().err
    assert "CMG_DS_TOKEN" in err and "CMG_DS_INSTRUCTEUR_ID" in err
    monkeypatch.setenv("CMG_DS_TOKEN", "un-vrai-jeton")
    assert main(["ds", "check"]) == 2
    out = capsys.readouterr().out
    assert "CMG_DS_INSTRUCTEUR_ID" in out and "CMG_DS_TOKEN" not in out
    monkeypatch.setenv("CMG_DS_INSTRUCTEUR_ID", "SW5zdHJ1Y3RldXItNDI=")
    with pytest.raises(AssertionError, match="no request may leave"):
        main(["ds", "check"])  # now it would talk to DS
