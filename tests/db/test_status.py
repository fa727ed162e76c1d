"""`collect` counts back-office rows per state and reports the latest run of each stage."""

from __future__ import annotations

from datetime import UTC, datetime

from cmg_core.db.deposits import add_current
from cmg_core.db.enums import QueueReason, RunStatus
from cmg_core.db.models import QueueItem, Run
from cmg_core.db.status import collect
from tests.db import factories


def test_status_counts_per_state_and_shows_the_latest_run_of_each_stage(session):
    owner = factories.partner(session)
    source = factories.deposit(session, owner)
    add_current(session, source)
    add_current(session, factories.deposit(session, owner))
    attestation = factories.attestation(owner, source)
    session.add(attestation)
    session.flush()
    session.add(
        QueueItem(
            attestation_id=attestation.id,
            reason=QueueReason.NOT_AFFILIATED,
            partner_id=owner.id,
            month=attestation.month,
            allocataire_number=attestation.allocataire_number,
        )
    )
    early = datetime(2026, 11, 1, 8, tzinfo=UTC)
    late = datetime(2026, 11, 2, 8, tzinfo=UTC)
    session.add(Run(stage="sync", status=RunStatus.FAILED, started_at=early, failures=1))
    session.add(Run(stage="sync", status=RunStatus.SUCCEEDED, started_at=late, counts={"n": 3}))
    session.commit()

    status = collect(session)
    assert status["deposits"] == {"received": 1, "superseded": 1}
    assert status["attestations"] == {"created": 1}
    assert status["queue"] == {"by_status": {"open": 1}, "by_reason": {"not_affiliated": 1}}
    assert [(r["stage"], r["status"], r["counts"]) for r in status["last_runs"]] == [
        ("sync", "succeeded", {"n": 3})
    ]
    assert status["tables"]["deposits"] == 2
