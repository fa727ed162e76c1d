"""The sandbox's démarche revisions, read by the client over real HTTP as from the real DS."""

from __future__ import annotations

import pytest

from cmg_core.cli import main
from cmg_core.ds import DemarcheState, DSNotFound
from cmg_core.ds.demarches import DEMARCHES, MC
from cmg_core.ds.sandbox import RevisionRefused, Sandbox
from cmg_core.settings import SANDBOX_INSTRUCTEUR_ID
from tests.ds.conftest import FAST_RETRY, deposit_mc, monthly_file

MOIS = "Mois concerné (MM/AAAA)"


def _ids(revision) -> dict[str, str]:
    return {d.label: d.id for d in revision.descriptors}


def test_the_published_revision_lists_every_champ_with_its_descriptor_type(client):
    revision = client.demarche_revision(MC.number)
    assert revision.state is DemarcheState.PUBLIEE and revision.title == MC.title
    assert revision.revision_id
    assert [(d.label, d.typename, d.required) for d in revision.descriptors] == [
        ("Fichier mensuel (modèle Excel)", "PieceJustificativeChampDescriptor", True),
        (MOIS, "TextChampDescriptor", False),
        ("J'accepte les conditions", "CheckboxChampDescriptor", True),
    ]
    assert SANDBOX_INSTRUCTEUR_ID in revision.instructeur_ids


def test_an_unknown_demarche_is_not_found(client):
    with pytest.raises(DSNotFound):
        client.demarche_revision(987654)


def test_shuffled_ids_differ_per_database_and_from_the_fixed_ones(tmp_path):
    seen = []
    for name, shuffle in (("fixed", False), ("one", True), ("two", True)):
        with (
            Sandbox(tmp_path / f"{name}.db", shuffle_ids=shuffle) as sandbox,
            sandbox.client(retry=FAST_RETRY) as client,
        ):
            seen.append(
                {
                    i
                    for spec in DEMARCHES
                    for i in _ids(client.demarche_revision(spec.number)).values()
                }
            )
    fixed, one, two = seen
    assert len(one) == len(fixed) == sum(len(spec.champs) for spec in DEMARCHES)
    assert not (fixed & one) and not (one & two)


def test_a_sandbox_created_with_fixed_ids_refuses_to_shuffle_them_later(tmp_path):
    with Sandbox(tmp_path / "ds.db"):
        pass
    with pytest.raises(RevisionRefused, match="identifiants de champs fixes"):
        Sandbox(tmp_path / "ds.db", shuffle_ids=True)
    with Sandbox(tmp_path / "shuffled.db", shuffle_ids=True):
        pass
    with Sandbox(tmp_path / "shuffled.db", shuffle_ids=True):  # reopening keeps its ids
        pass


def test_a_rename_keeps_the_id_and_a_replacement_gives_a_new_one(sandbox, client):
    before = client.demarche_revision(MC.number)
    sandbox.revise(
        "MC", renames={MOIS: "Mois de garde"}, replaces={"J'accepte les conditions": None}
    )
    after = client.demarche_revision(MC.number)
    assert after.revision_id != before.revision_id
    old, new = _ids(before), _ids(after)
    assert new["Mois de garde"] == old[MOIS]
    assert new["J'accepte les conditions"] != old["J'accepte les conditions"]
    assert new["Fichier mensuel (modèle Excel)"] == old["Fichier mensuel (modèle Excel)"]


def test_a_dossier_keeps_the_revision_it_was_deposited_on(sandbox, client):
    first = deposit_mc(sandbox, tag="10/2026")
    old_revision = client.demarche_revision(MC.number).revision_id
    sandbox.revise("MC", replaces={MOIS: "Période (MM/AAAA)"})
    second = sandbox.submit(
        MC,
        siret="12345678901234",
        email="a@b.fr",
        files=[monthly_file()],
        fields={"mois": "11/2026"},
    )
    new = client.demarche_revision(MC.number)
    older, newer = client.dossier(first.number), client.dossier(second.number)
    assert older.revision_id == old_revision and newer.revision_id == new.revision_id
    (older_mois,) = [c for c in older.champs.values() if c.label == MOIS]
    (newer_mois,) = [c for c in newer.champs.values() if c.label == "Période (MM/AAAA)"]
    assert older_mois.value == "10/2026" and newer_mois.value == "11/2026"
    assert older_mois.descriptor_id != newer_mois.descriptor_id == _ids(new)["Période (MM/AAAA)"]


def test_revise_and_delete_commands_work_on_the_sandbox_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ds.db"
    monkeypatch.setenv("CMG_SANDBOX_DB", str(path))
    with Sandbox(path, shuffle_ids=True) as sandbox:
        deposited = deposit_mc(sandbox)
        argv = ["ds-sandbox", "revise", "--demarche", "MC", "--rename", f"{MOIS}=Mois de garde"]
        assert main(argv) == 0
        assert "Mois de garde" in capsys.readouterr().out
        assert sandbox.demarche("MC").champ("Mois de garde") is not None
        assert main(["ds-sandbox", "delete", str(deposited.number), "--reason", "expired"]) == 0
        with sandbox.client(retry=FAST_RETRY) as client, pytest.raises(DSNotFound):
            client.dossier(deposited.number)


def test_revise_names_an_unknown_label_and_delete_an_unknown_dossier(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CMG_SANDBOX_DB", str(tmp_path / "ds.db"))
    assert main(["ds-sandbox", "revise", "--demarche", "MC", "--replace", "Mois de garde"]) == 1
    assert "Champ inconnu : « Mois de garde »" in capsys.readouterr().err
    assert main(["ds-sandbox", "revise", "--demarche", "MC"]) == 1
    assert "au moins un --rename" in capsys.readouterr().err
    assert main(["ds-sandbox", "delete", "42", "--reason", "user_request"]) == 1
    assert "Dossier 42 introuvable" in capsys.readouterr().err
