"""A structure's correction (a second valid file for the same SIRET and month) replaces the
first, never doubles it: queue items opened for the replaced version are closed, not left to a
GCA, and the attestation of a family the correction drops is withdrawn."""

from __future__ import annotations

import json
from datetime import date

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
from cmg_core.db.models import (
    Allocataire,
    Attestation,
    CmgClaim,
    ProcessingResult,
    QueueEvent,
    QueueItem,
)
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds.sandbox import Sandbox
from tests.backoffice import world


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """October filed by the GAD (2000002 not affiliated, 2000003's claim unknown: both queued);
    the Caf then learns the claim and the structure corrects its file: 2000003's hours change,
    2000001's care ends on 20 October, 2000002 and 2000004 are no longer declared."""
    folder = tmp_path_factory.mktemp("corrections")
    url = f"sqlite:///{folder / 'cmg.db'}"
    world.seed(url)
    with Sandbox(folder / "ds-sandbox.db") as sandbox:
        options = world.options(url, sandbox, folder / "storage")
        first = {"2000001": 60, "2000002": 50, "2000003": 70, "2000004": 40}
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
        dossier = submit(sandbox, second, "octobre-bis.xlsx", a2000001=date(2026, 10, 20))
        run_all(options)
        with sandbox.client() as client:
            (message,) = client.dossier(dossier).messages
        yield url, before, message.body
    dispose_all()


def submit(sandbox: Sandbox, hours: dict[str, int], name: str, **ends: date) -> int:
    """A GAD October file: allocataire → hours; `ends`: `a2000001=date(…)` end-of-care dates."""
    rows = [
        world.gad_row(month=str(world.OCTOBER), allocataire=number, total_hours=h, amount=20 * h,
                      end_date=ends.get(f"a{number}"))
        for number, h in hours.items()
    ]  # fmt: skip
    file = world.UploadedFile(name, world.workbook(rows, template=world.templates.GAD), world.XLSX)
    return sandbox.submit("GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file]).number


def _id(session, number: str) -> int:
    return session.scalar(sa.select(Allocataire.id).where(Allocataire.number == number))


def items(url: str) -> list[tuple]:
    with session_scope(url) as session:
        return [
            (q.allocataire_number, q.reason, q.status, q.outcome)
            for q in session.scalars(sa.select(QueueItem).order_by(QueueItem.id))
        ]


def queue_item(session, number: str) -> QueueItem:
    return session.scalars(sa.select(QueueItem).where(QueueItem.allocataire_number == number)).one()


def test_the_first_version_was_queued(corrected):
    _, before, _ = corrected
    assert before == [
        ("2000002", QueueReason.NOT_AFFILIATED, QueueStatus.OPEN, None),
        ("2000003", QueueReason.CMG_CLAIM_UNKNOWN, QueueStatus.OPEN, None),
    ]


def closed_item(url: str, number: str, reason: QueueReason) -> tuple[str, list[tuple]]:
    """The comment of `number`'s one queue item, checked closed as `no_action`, and its events."""
    closed = (QueueStatus.RESOLVED, QueueOutcome.NO_ACTION)
    assert (number, reason, *closed) in items(url)
    with session_scope(url) as session:
        item = queue_item(session, number)
        assert item.resolved_at is not None
        events = session.execute(
            sa.select(QueueEvent.action, QueueEvent.comment)
            .where(QueueEvent.item_id == item.id)
            .order_by(QueueEvent.id)
        ).all()
        return item.comment, [tuple(e) for e in events]


def test_a_correction_applied_closes_the_item_left_open_by_the_older_version(corrected):
    url, _, _ = corrected
    comment, events = closed_item(url, "2000003", QueueReason.CMG_CLAIM_UNKNOWN)
    assert "la structure a corrigé sa déclaration" in comment
    assert "version 2 de l'attestation" in comment
    assert events == [(QueueAction.CREATED, None), (QueueAction.RESOLVED, comment)]
    with session_scope(url) as session:
        corrected_one = attestation(session, "2000003")
        assert (corrected_one.version, corrected_one.state) == (2, AttestationState.PROCESSED)


def attestation(session, number: str) -> Attestation:
    return session.scalars(
        sa.select(Attestation).where(Attestation.allocataire_number == number)
    ).one()


def test_the_attestation_of_a_family_the_correction_drops_is_withdrawn(corrected):
    url, _, _ = corrected
    with session_scope(url) as session:
        dropped = [attestation(session, n) for n in ("2000002", "2000004")]
        assert [(a.version, a.state) for a in dropped] == [(2, AttestationState.WITHDRAWN)] * 2
        kept = attestation(session, "2000001")
        assert (kept.version, kept.state) == (2, AttestationState.PROCESSED)
        # never fed, processed or notified in its withdrawn version
        for table in ("feed_rows", "notifications"):
            versions = session.execute(
                sa.text(f"select attestation_version from {table} where attestation_id = :a"),
                {"a": dropped[1].id},
            ).scalars()
            assert sorted(versions) == [1], table
        results = session.execute(
            sa.text("select count(*) from processing_results where attestation_id = :a"),
            {"a": dropped[1].id},
        ).scalar()
        assert results == 1


def test_the_queue_item_of_a_dropped_family_is_closed(corrected):
    url, _, _ = corrected
    comment, events = closed_item(url, "2000002", QueueReason.NOT_AFFILIATED)
    assert "ne mentionne plus cette famille" in comment
    assert events == [(QueueAction.CREATED, None), (QueueAction.RESOLVED, comment)]


def test_the_bilan_of_the_correction_names_the_withdrawn_families(corrected):
    url, _, message = corrected
    assert "Ce fichier remplace votre précédent dépôt pour ce mois." in message
    assert "allocataires 2000002, 2000004, qui y figuraient" in message
    assert "leur attestation du mois a été retirée" in message
    with session_scope(url) as session:
        counts = (
            session.execute(
                sa.text("select counts from bilans where sent_via = 'justificatif' order by id")
            )
            .scalars()
            .all()
        )
    assert [json.loads(c).get("withdrawn") for c in counts] == [None, 2]


def test_an_end_of_care_date_in_the_correction_ends_the_familys_claim_that_month(corrected):
    url, _, _ = corrected
    with session_scope(url) as session:
        ended = session.execute(
            sa.select(CmgClaim.end_month).where(CmgClaim.allocataire_id == _id(session, "2000001"))
        ).scalar_one()
        details = (
            session.execute(
                sa.select(ProcessingResult.details)
                .where(ProcessingResult.attestation_id == attestation(session, "2000001").id)
                .order_by(ProcessingResult.id)
            )
            .scalars()
            .all()
        )
    assert ended == world.OCTOBER
    assert [d.get("end_of_care") for d in details] == [None, "2026-10-20"]
