"""DS failing on one item: the item is recorded as failed in the run and in its row, the stage
goes on, and the next run finishes the work."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from cmg_core.backoffice.runner import run_all, run_stage
from cmg_core.db.enums import DossierStatus, RunStatus
from cmg_core.db.models import DsDossier, Run
from cmg_core.db.session import session_scope
from cmg_core.ds import DossierState, RetryPolicy
from cmg_core.ds.demarches import MC
from tests.backoffice import world

FAST = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.01, jitter=0.1)


def test_a_ds_failure_marks_the_dossier_failed_and_the_next_run_completes_it(
    sqlite_url, sandbox, tmp_path
):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    options = replace(options, ds=replace(options.ds, retry=FAST))
    file = world.gad_file(world.OCTOBER, {"2000001": 60}, "octobre.xlsx")
    deposited = sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file])
    run_stage("sync", options)

    sandbox.faults.fail(times=2, status=500, after=2)  # after the MC and GAD revisions
    result = run_stage("intake", options)

    assert result.status is RunStatus.SUCCEEDED and result.failures == 1
    with session_scope(sqlite_url) as session:
        dossier = session.scalars(sa.select(DsDossier)).one()
        run = session.get(Run, result.run_id)
        assert (dossier.status, dossier.attempts) == (DossierStatus.FAILED, 1)
        assert dossier.last_error == "getDossier: DSServerError"
        assert run.failures == 1 and "DSServerError" in run.error

    run_all(options)
    with sandbox.client() as client:
        assert client.dossier(deposited.number).state is DossierState.ACCEPTE


def test_ds_unreachable_during_sync_is_a_recorded_failure_and_the_cursor_is_kept(
    sqlite_url, sandbox, tmp_path
):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    options = replace(options, ds=replace(options.ds, retry=FAST))
    sandbox.faults.fail(times=2, status=503)
    result = run_stage("sync", options)
    assert result.status is RunStatus.SUCCEEDED and result.failures == 1
    again = run_stage("sync", options)
    assert again.failures == 0


def test_ds_down_when_the_champ_ids_are_checked_leaves_every_dossier_for_the_next_run(
    sqlite_url, sandbox, tmp_path
):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    options = replace(options, ds=replace(options.ds, retry=FAST))
    file = world.gad_file(world.OCTOBER, {"2000001": 60}, "octobre.xlsx")
    sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file])
    run_stage("sync", options)
    sandbox.faults.fail(times=2, status=503)
    result = run_stage("intake", options)
    assert result.status is RunStatus.SUCCEEDED and result.failures == 1
    with session_scope(sqlite_url) as session:
        dossier = session.scalars(sa.select(DsDossier)).one()
        assert (dossier.status, dossier.attempts) == (DossierStatus.PENDING, 0)
        run = session.get(Run, result.run_id)
        assert run.error == f"révision de la démarche {MC.number}: DSServerError"
    assert run_stage("intake", options).counts["en_instruction"] == 1


def test_a_stage_stops_waiting_for_ds_at_its_retry_total_and_counts_the_wait(
    sqlite_url, sandbox, tmp_path, caplog
):
    patient = RetryPolicy(max_attempts=100, base_delay=0.02, max_delay=0.02, jitter=0.0,
                          max_total_sleep=0.1)  # fmt: skip
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    options = replace(options, ds=replace(options.ds, retry=patient))
    sandbox.faults.fail(times=1000, status=503)
    result = run_stage("sync", options)
    assert sandbox.faults.calls == 6 + 1 + 1  # 5 waits of 0.02 s fit, then one try a démarche
    sandbox.faults.reset()
    assert result.status is RunStatus.SUCCEEDED and result.failures == 3  # each démarche
    assert result.counts["ds_retry_seconds"] == 1  # 0.1 s, rounded up
    assert "not retried: 0s of waits already, at most 0s" in caplog.text
