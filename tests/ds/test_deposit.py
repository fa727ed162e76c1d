"""Deposits as a partner makes them: required champs, choices, unticked conditions, updates."""

from __future__ import annotations

import pytest

from cmg_core.ds.demarches import HABILITATIONS, MC
from cmg_core.ds.sandbox import DepositRefused
from tests.ds.conftest import SIRET, by_key, deposit_mc, monthly_file

PERSON = {"Civilité": "Monsieur", "Prénom": "Luc", "Nom": "Martin", "Courriel": "luc@creche.fr"}


def test_a_choice_outside_the_drop_down_options_is_refused(sandbox):
    with pytest.raises(DepositRefused, match="n'est pas un choix"):
        sandbox.submit(
            HABILITATIONS, siret=SIRET, email="g@c.fr", fields={"Opération": "AJOUTER", **PERSON}
        )


def test_an_empty_required_champ_counts_as_missing(sandbox):
    with pytest.raises(DepositRefused, match="Nom"):
        sandbox.submit(
            HABILITATIONS,
            siret=SIRET,
            email="g@c.fr",
            fields={"Opération": "AJOUT", **PERSON, "Nom": " "},
        )


def test_a_monthly_deposit_needs_its_file(sandbox):
    with pytest.raises(DepositRefused, match="Fichier mensuel"):
        sandbox.submit(MC, siret=SIRET, email="g@c.fr")


def test_conditions_left_unticked_reach_the_back_office_as_false(sandbox, client):
    sandbox.submit(
        MC,
        siret=SIRET,
        email="g@c.fr",
        files=[monthly_file()],
        fields={"J'accepte les conditions": "non"},
    )
    (dossier,) = client.dossier_page(MC.number).dossiers
    assert by_key(sandbox, dossier)["conditions"] is False


def test_a_dossier_en_instruction_cannot_be_updated_by_the_partner(sandbox, client):
    deposited = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(deposited.id)
    with pytest.raises(DepositRefused, match="n'est plus modifiable"):
        sandbox.update(deposited.number, files=[monthly_file("tard")])
