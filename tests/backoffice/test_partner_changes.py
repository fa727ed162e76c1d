"""What the register's changes mean for the back office: a deactivated partner's new file is
sent back for correction saying why (its history stays), and after a change of gestionnaire
only the new one's habilitation requests are applied (existing habilitations stay)."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.backoffice.runner import run_all
from cmg_core.db.models import Deposit, DsDossier, Habilitation
from cmg_core.db.session import session_scope
from cmg_core.ds import DossierState
from cmg_core.partners import registry
from tests.backoffice import world


def test_a_deactivated_partners_new_file_gets_a_correction_request_and_history_stays(
    sqlite_url, sandbox, tmp_path
):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    september = world.gad_file(world.SEPTEMBER, {"2000001": 60}, "septembre.xlsx")
    sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[september])
    run_all(options)
    with session_scope(sqlite_url) as session:
        registry.set_active(session, world.GAD_SIRET, False)

    october = world.gad_file(world.OCTOBER, {"2000001": 60}, "octobre.xlsx")
    deposited = sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[october])
    run_all(options)

    with sandbox.client() as client:
        dossier = client.dossier(deposited.number)
    assert dossier.state is DossierState.EN_CONSTRUCTION  # open: it may be filed again
    message = dossier.messages[-1]
    assert message.correction_reason is not None
    assert "n'est plus enregistrée comme partenaire actif" in message.body
    assert "Vos dépôts précédents restent enregistrés" in message.body
    with session_scope(sqlite_url) as session:
        months = session.scalars(sa.select(Deposit.month)).all()
    assert [str(m) for m in months] == ["09/2026"]  # September kept, October not taken in


def test_after_a_manager_change_only_the_new_managers_requests_are_applied(
    sqlite_url, sandbox, tmp_path
):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    new_manager = "nouvelle.gestionnaire@lucioles.example"
    with session_scope(sqlite_url) as session:
        registry.update(session, world.MC_SIRET, {"manager_email": new_manager})
    request = {
        "Opération": "AJOUT", "Civilité": "Monsieur", "Prénom": "Marc", "Nom": "Durand",
        "Courriel": "marc.durand@lucioles.example", "SIRET de la structure": world.MC_SIRET,
    }  # fmt: skip
    by_old = sandbox.submit(
        "habilitations", siret=world.MC_SIRET, email=world.MC_MANAGER, fields=request
    )
    by_new = sandbox.submit("habilitations", siret=world.MC_SIRET, email=new_manager,
                            fields=request)  # fmt: skip
    run_all(options)

    with sandbox.client() as client:
        assert client.dossier(by_old.number).state is DossierState.REFUSE
        assert client.dossier(by_new.number).state is DossierState.ACCEPTE
    with session_scope(sqlite_url) as session:
        active = set(
            session.scalars(sa.select(Habilitation.email).where(Habilitation.active.is_(True)))
        )
    assert {world.MC_STAFF, "marc.durand@lucioles.example"} <= active  # the old one stays


def test_a_habilitation_request_with_an_invalid_siret_says_so(sqlite_url, sandbox, tmp_path):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    request = {
        "Opération": "AJOUT", "Civilité": "Madame", "Prénom": "Lou", "Nom": "Blanc",
        "Courriel": "lou@lucioles.example", "SIRET de la structure": "12345678200011",
    }  # fmt: skip
    sent = sandbox.submit("habilitations", siret=world.MC_SIRET, email=world.MC_MANAGER,
                          fields=request)  # fmt: skip
    run_all(options)
    with sandbox.client() as client:
        dossier = client.dossier(sent.number)
    assert dossier.state is DossierState.REFUSE
    with session_scope(sqlite_url) as session:
        motivation = session.scalars(
            sa.select(DsDossier.motivation).where(DsDossier.number == sent.number)
        ).one()
    assert "n'est pas un numéro SIRET valide" in motivation
