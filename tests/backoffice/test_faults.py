"""Idempotence: a back office stopped anywhere — by the `stop_after` hook in every stage, or by
SIGKILL — and run again ends in exactly the state of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import replace

import pytest
import sqlalchemy as sa

from cmg_core.backoffice import STAGE_NAMES
from cmg_core.backoffice.claim import STALE_RUN
from cmg_core.backoffice.context import Interrupted
from cmg_core.backoffice.runner import run_all
from cmg_core.db.enums import RunStatus
from cmg_core.db.models import FeedRun, Run
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds.sandbox import Sandbox
from cmg_core.mail.capture import CaptureServer, read_folder
from cmg_core.settings import ROOT
from cmg_core.storage import FolderStorage
from tests.backoffice import dump, world

pytestmark = pytest.mark.slow  # seconds each: `pytest -m "not slow"` skips them


def feed_lines(url: str, storage_dir) -> list[str]:
    """Every line of every feed file without its two ids (feed run, attestation): batches and
    creation order may differ after a stop."""
    storage = FolderStorage(storage_dir)
    with session_scope(url) as session:
        keys = session.scalars(sa.select(FeedRun.file_key)).all()
    lines = []
    for key in keys:
        lines += [line.split(";", 2)[2] for line in storage.get(key).decode().splitlines()[1:]]
    return sorted(lines)


def play(folder, interrupt) -> tuple:
    """Both waves of the scenario; `interrupt(options)` runs before each wave's clean run."""
    url = f"sqlite:///{folder / 'cmg.db'}"
    world.seed(url)
    with (
        Sandbox(folder / "ds-sandbox.db", shuffle_ids=True) as sandbox,
        sandbox.client() as client,
        CaptureServer(folder / "mail") as smtp,
        _environment(CMG_SMTP_URL=smtp.url),
    ):
        options = world.options(url, sandbox, folder / "storage")
        first = world.first_wave(sandbox)
        interrupt(options, sandbox)
        run_all(options)
        second = world.second_wave(sandbox, first)
        interrupt(options, sandbox)
        run_all(options)
        mails = sorted((m.recipients, m.subject) for m in read_folder(smtp.folder))
        result = (dump.database(url), dump.ds(client, second), feed_lines(url, folder / "storage"),
                  mails)  # fmt: skip
    dispose_all()
    return result


@contextmanager
def _environment(**values: str):
    """Set environment variables for a block (worker subprocesses inherit them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return play(tmp_path_factory.mktemp("reference"), lambda options, sandbox: None)


def stop_every_stage(at: int, stopped: list[str]):
    """Run the back office once per stage, stopped at that stage's checkpoint `at`."""

    def interrupt(options, _sandbox) -> None:
        for stage in STAGE_NAMES:
            try:
                run_all(replace(options, stop_after={stage: at}))
            except Interrupted:
                stopped.append(stage)

    return interrupt


@pytest.mark.parametrize("at", [1, 2])
def test_each_stage_stopped_at_a_checkpoint_then_run_again_gives_the_uninterrupted_state(
    reference, tmp_path, at
):
    stopped: list[str] = []
    assert play(tmp_path, stop_every_stage(at, stopped)) == reference
    assert set(stopped) == set(STAGE_NAMES)  # each stage was stopped in one wave at least


def test_the_reference_scenario_did_work_in_every_stage(reference):
    database, ds_side, feed, mails = reference
    assert database["attestations"] and database["queue"] and database["notifications"]
    assert database["outbox"] and len(mails) == len(database["outbox"])  # each sent once
    assert database["bilans"] and feed and len(ds_side) == 6


KILLED: list[int] = []
CLAIM_SECONDS = 1.0  # the killed worker's claims expire this long after its last heartbeat


def kill_midway(options, sandbox) -> None:
    """Start the back office in a subprocess and SIGKILL it once it is past intake; wait until
    its claims have expired (nothing else frees them: no process id is consulted)."""
    command = [sys.executable, "-m", "tests.backoffice.faults_child", options.url,
               sandbox.url, options.storage_dir, str(CLAIM_SECONDS)]  # fmt: skip
    count = sa.text("select count(*) from runs")
    with session_scope(options.url) as session:
        before = session.execute(count).scalar()
    child = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and child.poll() is None:
        with session_scope(options.url) as session:
            started = session.execute(count).scalar() - before
        if started >= 4:  # intake done, attestations under way
            break
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    KILLED.append(child.wait())
    time.sleep(CLAIM_SECONDS * 1.5)


def test_a_back_office_killed_with_sigkill_then_run_again_gives_the_uninterrupted_state(
    reference, tmp_path
):
    assert play(tmp_path, kill_midway) == reference
    assert KILLED == [-signal.SIGKILL, -signal.SIGKILL]  # killed mid-run in both waves
    with session_scope(f"sqlite:///{tmp_path / 'cmg.db'}") as session:
        runs = session.execute(sa.select(Run.status, Run.error)).all()
    dispose_all()
    assert RunStatus.RUNNING not in {status for status, _ in runs}
    # the run each killed worker left `running` was closed by the next pass, as failed
    assert sum(error == STALE_RUN for _, error in runs) == 2
