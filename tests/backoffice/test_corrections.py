"""A structure's correction (a second valid file for the same SIRET and month) replaces the
first: queue items opened for the replaced version are closed, not left to a GCA."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cmg_core.backoffice.runner import run_all
from cmg_core.db.enums import (
    AttestationState,
    QueueAction,
    QueueOutcome,
    QueueReason,
    QueueStatus,
)
from cmg_core.db.models import Allocataire, Attestation, CmgClaim, QueueEvent, QueueItem
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds.sandbox import Sandbox
from tests.backoffice import world


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """October filed by the GAD, its claim for 2000003 unknown; the Caf then learns the claim
    and the structure corrects its file (2000003's hours change)."""
    folder = tmp_path_factory.mktemp("corrections")
    url = f"sqlite:///{folder / 'cmg.db'}"
    world.seed(url)
    with Sandbox(folder / "ds-sandbox.db") as sandbox:
        options = world.options(url, sandbox, folder / "storage")
        first = {"2000001": 60, "2000003": 70}
        submit(sandbox, first, "octobre.xlsx")
        run_all(options)
        before = items(url)
        with session_scope(url) as session:
            session.execute(
                sa.update(CmgClaim)
                .where(CmgClaim.allocataire_id == _id(session, "2000003"))
                .values(known=True)
            )
        second = {"2000001": 60, "2000003": 72}
        submit(sandbox, second, "octobre-bis.xlsx")
        run_all(options)
        yield url, before
    dispose_all()


def submit(sandbox: Sandbox, hours: dict[str, int], name: str) -> None:
    file = world.gad_file(world.OCTOBER, hours, name)
    sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file])


def _id(session, number: str) -> int:
    return session.scalar(sa.select(Allocataire.id).where(Allocataire.number == number))


def items(url: str) -> list[tuple]:
    with session_scope(url) as session:
        return [
            (q.allocataire_number, q.reason, q.status, q.outcome)
            for q in session.scalars(sa.select(QueueItem).order_by(QueueItem.id))
        ]


def test_the_first_version_was_queued(corrected):
    _, before = corrected
    assert before == [("2000003", QueueReason.CMG_CLAIM_UNKNOWN, QueueStatus.OPEN, None)]


def test_a_correction_applied_closes_the_item_left_open_by_the_older_version(corrected):
    url, _ = corrected
    assert items(url) == [
        ("2000003", QueueReason.CMG_CLAIM_UNKNOWN, QueueStatus.RESOLVED, QueueOutcome.NO_ACTION)
    ]
    with session_scope(url) as session:
        item = session.scalars(sa.select(QueueItem)).one()
        assert item.resolved_at is not None
        assert "la structure a corrigé sa déclaration" in item.comment
        events = session.scalars(
            sa.select(QueueEvent).where(QueueEvent.item_id == item.id).order_by(QueueEvent.id)
        ).all()
        assert [e.action for e in events] == [QueueAction.CREATED, QueueAction.RESOLVED]
        assert events[-1].comment == item.comment
        assert "version 2 de l'attestation" in events[-1].comment
        attestation = session.scalars(
            sa.select(Attestation).where(Attestation.allocataire_number == "2000003")
        ).one()
        assert (attestation.version, attestation.state) == (2, AttestationState.PROCESSED)
