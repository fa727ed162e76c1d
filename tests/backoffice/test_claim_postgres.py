"""`claim_one` on PostgreSQL: a row another worker finished between the claim's snapshot and
its lock is passed over, not done a second time (seen in the two-worker bench: bilans sent
twice, DS saved only by its own idempotence)."""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from cmg_core.backoffice.claim import claim_one
from cmg_core.db.models import Habilitation, Partner
from cmg_core.db.session import dispose_all, session_scope
from tests.backoffice import world

DONE_BY = "autre.worker@caf.example"
PAUSE = 0.6  # seconds the claim's statement spends between its snapshot and its row lock


def test_a_row_another_worker_finished_after_the_claims_snapshot_is_passed_over(postgres_url):
    world.seed(postgres_url)
    with session_scope(postgres_url) as session:
        first, second = session.scalars(sa.select(Partner.id).order_by(Partner.id)).all()
    finished = (
        sa.select(Habilitation.id)
        .where(Habilitation.partner_id == Partner.id, Habilitation.email == DONE_BY)
        .exists()
    )
    # "not finished yet", evaluated slowly: the statement's snapshot is taken before the pause,
    # its row lock after it (and the check under the lock pauses too: it is the same query)
    query = (
        sa.select(Partner)
        .where(~finished, sa.text(f"(select true from pg_sleep({PAUSE}))"))
        .order_by(Partner.id)
    )

    def other_worker_finishes_the_first() -> None:
        time.sleep(PAUSE / 3)  # inside the claim's pause: after its snapshot, before its lock
        with session_scope(postgres_url) as other:
            other.add(Habilitation(partner_id=first, email=DONE_BY))

    other = threading.Thread(target=other_worker_finishes_the_first)
    with session_scope(postgres_url) as session:
        other.start()
        claimed = claim_one(session, query)
        other.join()
        assert claimed is not None
        assert claimed.id == second, "the partner finished by the other worker was claimed"
    dispose_all()
