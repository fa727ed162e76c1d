"""`collect` counts back-office rows per state and reports the latest run of each stage."""

from __future__ import annotations

from datetime import UTC, datetime

from cmg_core.db.deposits import add_current
from cmg_core.db.enums import QueueReason, RunStatus
from cmg_core.db.models import QueueItem, Run
from cmg_core.status import collect
from tests import builders


def test_status_counts_per_state_and_shows_the_latest_run_of_each_stage(session):
    owner = builders.partner(session)
    source = builders.new_deposit(session, owner)
    add_current(session, source)
    add_current(session, builders.new_deposit(session, owner))
    attestation = builders.attestation(owner, source)
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


def test_the_status_text_labels_each_state_by_its_own_kind():
    from cmg_core.cli.status import render

    status = {
        "database": "sqlite",
        "revision": "0003",
        "dossiers": {"done": 1},
        "deposits": {"processed": 2},
        "lines": {"applied": 3, "queued": 1},
        "attestations": {"processed": 2, "queued": 1},
        "queue": {"by_status": {"taken": 1}, "by_reason": {"cmg_claim_unknown": 1}},
        "bilans": {"total": 0, "sent": 0, "pending": 0},
        "notifications": {"total": 0, "sent": 0, "pending": 0},
        "last_runs": [],
        "referential": {"families": 0, "children": 0, "shares": {}},
    }
    text = render(status)
    assert "Dépôts : 2 (traité 2)" in text
    assert "Lignes déclarées : 4 (traitée 3, traitement manuel 1)" in text
    assert "Attestations : 3 (traitée 2, en traitement manuel 1)" in text
    assert "File GCA : 1 (pris en charge 1)" in text
    assert "par motif : 1 (demande de CMG non encore connue 1)" in text
