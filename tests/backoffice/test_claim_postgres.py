"""Claims on PostgreSQL: a row another worker finished between the claim's snapshot and its
lock is passed over, not done a second time (seen in the two-worker bench: bilans sent twice,
DS saved only by its own idempotence) — by `take`, `claim_one` and `claim_in_batches`."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime

import sqlalchemy as sa

from cmg_core.backoffice.claim import claim_in_batches, claim_one, take
from cmg_core.backoffice.context import DSConfig, StageContext
from cmg_core.db.models import Deposit, Habilitation, Partner
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.storage import FolderStorage
from tests import builders
from tests.backoffice import world

DONE_BY = "autre.worker@caf.example"
PAUSE = 0.6  # seconds the claim's statement spends between its snapshot and its row lock
FINISHED = (
    sa.select(Habilitation.id)
    .where(Habilitation.partner_id == Partner.id, Habilitation.email == DONE_BY)
    .exists()
)
# "not finished yet", evaluated slowly: the statement's snapshot is taken before the pause, its
# row locks after it (the checks under the lock pause too: they are the same query)
SLOWLY = sa.text(f"(select true from pg_sleep({PAUSE}))")


def partners(url: str) -> list[int]:
    world.seed(url)
    with session_scope(url) as session:
        return list(session.scalars(sa.select(Partner.id).order_by(Partner.id)))


@contextmanager
def other_worker_finishes(url: str, partner_id: int, pauses_before: int = 0):
    """Within the block's claim pause (after its snapshot, before its lock), after
    `pauses_before` slow statements, another connection finishes `partner_id` and commits."""

    def finish() -> None:
        time.sleep(PAUSE * pauses_before + PAUSE / 3)
        with session_scope(url) as other:
            other.add(Habilitation(partner_id=partner_id, email=DONE_BY))

    thread = threading.Thread(target=finish)
    thread.start()
    try:
        yield
    finally:
        thread.join()


def test_claim_one_passes_over_a_row_finished_after_its_snapshot(postgres_url):
    first, second = partners(postgres_url)
    query = sa.select(Partner).where(~FINISHED, SLOWLY).order_by(Partner.id)
    with session_scope(postgres_url) as session, other_worker_finishes(postgres_url, first):
        claimed = claim_one(session, query)
        assert claimed is not None
        assert claimed.id == second, "the partner finished by the other worker was claimed"
    dispose_all()


def test_claim_in_batches_drops_the_rows_finished_after_its_snapshot(postgres_url, tmp_path):
    first, second = partners(postgres_url)
    ctx = StageContext(
        stage="test", url=postgres_url, ds_config=DSConfig("http://127.0.0.1:9", "t", "i"),
        storage=FolderStorage(tmp_path), today=date(2026, 11, 26),
        now=datetime(2026, 11, 26, 9, tzinfo=UTC),
    )  # fmt: skip
    handled: list[list[int]] = []

    def to_do(after: int) -> sa.Select:
        return (
            sa.select(Partner.id).where(Partner.id > after, ~FINISHED, SLOWLY).order_by(Partner.id)
        )

    def handle(session, batch) -> int:
        handled.append([row.id for row in batch])
        return len(batch)

    with other_worker_finishes(postgres_url, first, pauses_before=1):  # after the count
        claim_in_batches(ctx, to_do, 10, handle)
    assert handled == [[second]], "the partner finished by the other worker was handed over"
    assert ctx.done == 1
    dispose_all()


def test_take_passes_over_a_row_finished_after_its_snapshot(postgres_url):
    first, second = partners(postgres_url)
    with session_scope(postgres_url) as session:
        deposits = [
            builders.deposit(session, session.get(Partner, owner), lines=0).id
            for owner in (first, second)
        ]
    finished = sa.select(Habilitation.id).where(
        Habilitation.partner_id == Deposit.partner_id, Habilitation.email == DONE_BY
    )
    query = sa.select(Deposit).where(~finished.exists(), SLOWLY).order_by(Deposit.id)
    with other_worker_finishes(postgres_url, first):
        claimed = take(postgres_url, query, "caf-batch-1.example:1")
    assert claimed is not None
    assert claimed.key == deposits[1], "the deposit finished by the other worker was claimed"
    with session_scope(postgres_url) as session:  # and the one passed over is left unclaimed
        assert session.get(Deposit, deposits[0]).claimed_by is None
    dispose_all()
