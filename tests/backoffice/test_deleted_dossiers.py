"""Dossiers deleted on DS after the back office processed them: only `user_request` (the
partner withdrew its file) withdraws the deposit, as a correction declaring no family would;
any other reason is recorded and undoes nothing."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.backoffice.runner import run_all, run_stage
from cmg_core.db.enums import AttestationState, DossierStatus
from cmg_core.db.models import Attestation, Deposit, DsDossier, Notification
from cmg_core.db.session import session_scope
from tests.backoffice import world

FAMILIES = {"2000001": 60, "2000004": 40}


def _processed(sqlite_url, sandbox, tmp_path):
    """A GAD October file, taken in, attested, processed and notified; its dossier number."""
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    file = world.gad_file(world.OCTOBER, FAMILIES, "octobre.xlsx")
    number = sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file])
    run_all(options)
    return options, number.number


def _state(sqlite_url, number):
    with session_scope(sqlite_url) as session:
        dossier = session.scalars(sa.select(DsDossier).where(DsDossier.number == number)).one()
        deposit = session.scalars(sa.select(Deposit).where(Deposit.dossier_id == dossier.id)).one()
        attestations = session.scalars(
            sa.select(Attestation).where(Attestation.partner_id == deposit.partner_id)
        ).all()
        told = session.scalars(sa.select(Notification.text).order_by(Notification.id)).all()
        return (
            (dossier.deleted_reason, dossier.status, deposit.is_current),
            {a.allocataire_number: (a.state, a.version) for a in attestations},
            told,
        )


def test_a_dossier_withdrawn_by_the_partner_withdraws_every_family_of_its_deposit(
    sqlite_url, sandbox, tmp_path
):
    options, number = _processed(sqlite_url, sandbox, tmp_path)
    _, before, told_before = _state(sqlite_url, number)
    assert {state for state, _ in before.values()} == {AttestationState.PROCESSED}

    sandbox.delete(number, "user_request")
    result = run_stage("sync", options)
    assert result.counts["deleted_dossiers"] == 1 and result.counts["deposits_withdrawn"] == 1
    assert result.counts["attestations_withdrawn"] == len(FAMILIES)
    run_all(options)  # nothing of the deleted dossier is handled again; families are told

    dossier, after, told = _state(sqlite_url, number)
    assert dossier == ("user_request", DossierStatus.DONE, False)
    assert after == {n: (AttestationState.WITHDRAWN, before[n][1] + 1) for n in FAMILIES}
    assert len(told) == len(told_before) + len(FAMILIES)
    again = run_stage("sync", options)
    assert "deleted_dossiers" not in again.counts and again.failures == 0  # read once


def test_a_dossier_deleted_for_another_reason_is_recorded_and_changes_nothing(
    sqlite_url, sandbox, tmp_path
):
    options, number = _processed(sqlite_url, sandbox, tmp_path)
    _, before, told_before = _state(sqlite_url, number)

    sandbox.delete(number, "expired")
    assert run_stage("sync", options).counts["deleted_dossiers"] == 1
    results = run_all(options)

    dossier, after, told = _state(sqlite_url, number)
    assert dossier == ("expired", DossierStatus.DONE, True)
    assert after == before and told == told_before
    assert sum(r.failures for r in results) == 0


def test_a_dossier_deleted_before_it_was_ever_read_is_only_counted(sqlite_url, sandbox, tmp_path):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    file = world.gad_file(world.OCTOBER, FAMILIES, "octobre.xlsx")
    deposited = sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file])
    sandbox.delete(deposited.number, "user_request")
    result = run_stage("sync", options)
    assert result.counts["deleted_dossiers_unknown"] == 1 and result.counts["dossiers"] == 0
