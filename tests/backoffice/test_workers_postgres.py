"""Two worker processes over the same backlog on PostgreSQL: rows are claimed with
`FOR UPDATE SKIP LOCKED`, nothing is done twice and nothing is left."""

from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa

from cmg_core.backoffice.runner import run_workers
from cmg_core.db.enums import DepositStatus, DossierStatus
from cmg_core.db.models import Run
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds import DossierState
from cmg_core.values import Month
from tests.backoffice import world

pytestmark = pytest.mark.slow  # seconds each: `pytest -m "not slow"` skips them

MONTHS = [Month(2026, 10).shift(-i) for i in range(12)]


def backlog(sandbox) -> list[int]:
    """Twelve months filed by each partner: 24 deposits."""
    numbers = []
    for month in MONTHS:
        gad = world.gad_file(month, {"2000001": 60, "2000002": 50, "2000004": 40}, "gad.xlsx")
        numbers.append(sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF,
                                      files=[gad]).number)  # fmt: skip
        line = world.mc_line("1000001", "Léa", world.date(2023, 3, 14), month=str(month))
        mc = world.UploadedFile("mc.xlsx", world.workbook([line], template=world.templates.MC),
                                world.XLSX)  # fmt: skip
        numbers.append(sandbox.submit("MC", siret=world.MC_SIRET, email=world.MC_STAFF,
                                      files=[mc]).number)  # fmt: skip
    return numbers


def scalar(url: str, sql: str) -> object:
    with session_scope(url) as session:
        return session.execute(sa.text(sql)).scalar()


def test_two_workers_share_the_backlog_without_doing_anything_twice(
    postgres_url, sandbox, tmp_path
):
    world.seed(postgres_url)
    numbers = backlog(sandbox)
    options = world.options(postgres_url, sandbox, tmp_path / "storage")

    assert run_workers(2, options) == [0, 0]

    done = f"select count(*) from ds_dossiers where status = '{DossierStatus.DONE.value}'"
    assert scalar(postgres_url, done) == 24
    processed = f"select count(*) from deposits where status = '{DepositStatus.PROCESSED.value}'"
    assert scalar(postgres_url, processed) == 24
    assert scalar(postgres_url, "select count(*) from attestations") == 12 * 4
    assert scalar(postgres_url, "select count(*) from feed_rows") == 48
    assert scalar(postgres_url, "select count(*) from processing_results") == 48
    assert scalar(postgres_url, "select count(*) from bilans where sent_to_ds_at is not null") == 24
    assert scalar(postgres_url, "select count(*) from notifications") == 12 * 3
    assert scalar(postgres_url, "select count(*) from queue_items") == 12
    assert scalar(postgres_url, "select coalesce(sum(failures), 0) from runs") == 0
    # each piece of work counted once over both workers' runs: never done a second time
    with session_scope(postgres_url) as session:
        done_by_runs = Counter()
        for counts in session.scalars(sa.select(Run.counts)):
            done_by_runs.update(counts or {})
    assert done_by_runs["attestations"] == 48 and done_by_runs["feed_rows"] == 48
    assert done_by_runs["deposits_processed"] == 24 and done_by_runs["bilans"] == 24
    assert done_by_runs["notifications"] == 12 * 3
    workers = "select count(distinct worker) from runs where stage = 'attestations'"
    assert scalar(postgres_url, workers) == 2  # sync in the parent, then two workers
    with sandbox.client() as client:
        for number in numbers:
            dossier = client.dossier(number)
            assert dossier.state is DossierState.ACCEPTE
            assert len(dossier.messages) == 1  # one bilan message, never two
    dispose_all()


def test_two_workers_are_refused_on_sqlite(sqlite_url, sandbox, tmp_path):
    options = world.options(sqlite_url, sandbox, tmp_path / "storage")
    try:
        run_workers(2, options)
    except ValueError as error:
        assert "PostgreSQL" in str(error)
    else:
        raise AssertionError("two workers on SQLite must be refused")
