"""A structure's correction (a second valid file for the same SIRET and month) replaces the
first, never doubles it: queue items opened for the replaced version are closed, not left to a
GCA, and the attestation of a family the correction drops is withdrawn."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from cmg_core.backoffice.runner import run_all
from cmg_core.backoffice.texts import COUNTERS, SHOWN_APART
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
    Bilan,
    CmgClaim,
    Notification,
    ProcessingResult,
    QueueEvent,
    QueueItem,
    Run,
)
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds.sandbox import Sandbox
from cmg_core.staff.bilans import COUNT_LABELS
from cmg_core.storage import FolderStorage
from cmg_core.values import Month
from tests.backoffice import world
from tests.backoffice.test_end_to_end import flat
from tests.documents.pdf_text import pdf_text


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """October filed by the GAD (2000002 not affiliated, 2000003's claim unknown: both queued);
    the Caf then learns the claim and the structure corrects its file: 2000003's hours change,
    2000001's care ends on 20 October, 2000002 and 2000004 are no longer declared."""
    folder = tmp_path_factory.mktemp("corrections")
    url = f"sqlite:///{folder / 'cmg.db'}"
    world.seed(url)
    with Sandbox(folder / "ds-sandbox.db", shuffle_ids=True) as sandbox:
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
        # never fed or processed in its withdrawn version
        versions = session.execute(
            sa.text("select attestation_version from feed_rows where attestation_id = :a"),
            {"a": dropped[1].id},
        ).scalars()
        assert sorted(versions) == [1]
        results = session.execute(
            sa.text("select count(*) from processing_results where attestation_id = :a"),
            {"a": dropped[1].id},
        ).scalar()
        assert results == 1


def test_a_family_told_of_an_attestation_then_withdrawn_is_told_of_the_withdrawal(corrected):
    """2000004 was processed and told in version 1, then dropped: a message for version 2 says
    the attestation was withdrawn. 2000002 was queued, never told: no message at all."""
    url, _, _ = corrected
    with session_scope(url) as session:
        sent = session.execute(
            sa.select(Notification.allocataire_number, Notification.attestation_version,
                      Notification.text)
            .where(Notification.allocataire_number.in_(["2000002", "2000004"]))
            .order_by(Notification.id)
        ).all()  # fmt: skip
    assert [(n, v) for n, v, _ in sent] == [("2000004", 1), ("2000004", 2)]
    told, withdrawn = sent[0].text, sent[1].text
    assert "a déclaré la garde de votre enfant en octobre 2026" in told
    assert "a corrigé sa déclaration du mois d'octobre 2026" in withdrawn
    assert "ne déclare plus de garde pour votre famille" in withdrawn
    assert "a donc été retirée de votre dossier" in withdrawn


def test_the_bilan_pdf_and_workbook_of_the_correction_list_the_withdrawn_families(corrected):
    url, _, _ = corrected
    storage = FolderStorage(Path(url.removeprefix("sqlite:///")).parent / "storage")
    with session_scope(url) as session:
        first, second = session.scalars(
            sa.select(Bilan).where(Bilan.sent_via == "justificatif").order_by(Bilan.id)
        ).all()
    text = flat(pdf_text(storage.get(second.pdf_key)))
    assert "familles retirées par ce fichier" in text
    listed = text.split("familles retirées par ce fichier")[1]
    assert "2000002" in listed and "2000004" in listed
    assert "familles retirées" not in flat(pdf_text(storage.get(first.pdf_key)))
    sheet = load_workbook(BytesIO(storage.get(second.xlsx_key)))["Absences et retraits"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert values[0] == "Familles retirées par ce fichier"
    assert values[-2:] == ["2000002", "2000004"]


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
    for written in counts:  # every count the stage writes has its French name on the page
        assert set(json.loads(written)) <= set(COUNT_LABELS)
    with session_scope(url) as session:  # and every run counter (CLI and Automate page)
        keys = {key for c in session.scalars(sa.select(Run.counts)) for key in c or {}}
    assert keys <= {*COUNTERS, *SHOWN_APART}


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


@pytest.fixture(scope="module")
def ends_undone(tmp_path_factory):
    """October: 2000001's care ends on 20 October (its claim already ended in December) and
    2000004's on 15 October; then a correction declares 2000001 again without an end and drops
    2000004. Yields the url and the claims' end months after each run."""
    folder = tmp_path_factory.mktemp("ends")
    url = f"sqlite:///{folder / 'cmg.db'}"
    world.seed(url)
    with session_scope(url) as session:
        session.execute(
            sa.update(CmgClaim)
            .where(CmgClaim.allocataire_id == _id(session, "2000001"))
            .values(end_month=Month(2026, 12))
        )
    with Sandbox(folder / "ds-sandbox.db", shuffle_ids=True) as sandbox:
        options = world.options(url, sandbox, folder / "storage")
        ends = {"a2000001": date(2026, 10, 20), "a2000004": date(2026, 10, 15)}
        submit(sandbox, {"2000001": 60, "2000004": 40}, "octobre.xlsx", **ends)
        run_all(options)
        first = claim_ends(url)
        submit(sandbox, {"2000001": 60}, "octobre-bis.xlsx")
        run_all(options)
        yield url, first, claim_ends(url)
    dispose_all()


def claim_ends(url: str) -> dict[str, Month | None]:
    with session_scope(url) as session:
        return dict(
            session.execute(
                sa.select(Allocataire.number, CmgClaim.end_month)
                .join(CmgClaim, CmgClaim.allocataire_id == Allocataire.id)
                .where(Allocataire.number.in_(["2000001", "2000004"]))
            ).all()
        )


def test_the_ends_of_care_of_the_first_file_end_the_claims(ends_undone):
    _, first, _ = ends_undone
    assert first == {"2000001": world.OCTOBER, "2000004": world.OCTOBER}


def test_a_correction_without_the_end_gives_the_claim_back_its_previous_end(ends_undone):
    url, _, after = ends_undone
    assert after["2000001"] == Month(2026, 12)  # as before the first file, not left open
    with session_scope(url) as session:
        kept = attestation(session, "2000001")
        assert (kept.version, kept.state) == (2, AttestationState.PROCESSED)
        assert (kept.ended_claim_id, kept.ended_month, kept.claim_end_before) == (None,) * 3


def test_withdrawing_an_attestation_undoes_the_end_of_care_it_applied(ends_undone):
    url, _, after = ends_undone
    assert after["2000004"] is None
    with session_scope(url) as session:
        dropped = attestation(session, "2000004")
        assert dropped.state is AttestationState.WITHDRAWN
        assert dropped.ended_claim_id is None
