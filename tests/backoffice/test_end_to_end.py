"""The whole back office against the DS sandbox over real HTTP, on SQLite: habilitations, a
faulty file sent back and corrected, a second file superseding the first, every queue reason,
then PDFs, feed file, queue, bilans and Mon Compte messages read back."""

from __future__ import annotations

from io import BytesIO

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from cmg_core.backoffice import STAGE_NAMES, feed
from cmg_core.backoffice.runner import run_all
from cmg_core.backoffice.texts import COUNTERS, SHOWN_APART
from cmg_core.db.enums import DepositStatus, LineOutcome, QueueReason, RunStatus
from cmg_core.db.models import (
    AbsentChild,
    Attestation,
    Bilan,
    Deposit,
    FeedRun,
    Habilitation,
    Notification,
    QueueItem,
    Run,
)
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds import DossierState
from cmg_core.ds.sandbox import Sandbox
from cmg_core.storage import FolderStorage
from tests.backoffice import world
from tests.documents.pdf_text import pdf_text


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """Both waves run once for the module: (first dossiers, second GAD dossier, options,
    storage, DS client, the two October dossiers as DS showed them after the first run)."""
    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'cmg.db'}"
    world.seed(url)
    with Sandbox(folder / "ds-sandbox.db", shuffle_ids=True) as sandbox, sandbox.client() as client:
        options = world.options(url, sandbox, folder / "storage")
        first = world.first_wave(sandbox)
        run_all(options)
        after_first = {n: client.dossier(n) for n in (first.mc_october, first.gad_october)}
        second = world.second_wave(sandbox, first)
        run_all(options)
        yield first, second, options, FolderStorage(folder / "storage"), client, after_first
    dispose_all()


COUNTS = sa.text(
    "select (select count(*) from attestations), (select count(*) from feed_rows),"
    " (select count(*) from notifications), (select count(*) from queue_items)"
)


def flat(text: str) -> str:
    """PDF text with line breaks and repeated spaces folded, for phrases that may wrap."""
    return " ".join(text.split()).lower()


def test_a_habilitation_by_a_non_manager_is_refused_and_the_managers_one_applied(scenario):
    first, _, options, _, client, _ = scenario
    refused = client.dossier(first.refused_habilitation)
    accepted = client.dossier(first.accepted_habilitation)
    assert refused.state is DossierState.REFUSE
    assert accepted.state is DossierState.ACCEPTE
    with session_scope(options.url) as session:
        person = session.scalars(
            sa.select(Habilitation).where(Habilitation.email == world.MC_NEW)
        ).one()
        assert person.active and person.last_name == "Petit"
        motivation = session.execute(
            sa.text("select motivation from ds_dossiers where number = :n"),
            {"n": first.refused_habilitation},
        ).scalar()
    assert "n'est pas le gestionnaire des habilitations" in motivation


def test_a_faulty_file_is_sent_back_with_its_annotated_workbook_then_accepted_once_corrected(
    scenario,
):
    first, _, options, storage, client, after_first = scenario
    sent_back = after_first[first.mc_october]
    assert sent_back.state is DossierState.EN_CONSTRUCTION
    (message,) = [m for m in sent_back.messages if m.correction_reason is not None]
    assert "ne peut pas être traité" in message.body and "Ligne" in message.body
    assert [f.filename for f in message.attachments] == ["octobre-lucioles-a-corriger.xlsx"]
    assert client.dossier(first.mc_october).state is DossierState.ACCEPTE
    with session_scope(options.url) as session:
        faulty, corrected = session.scalars(
            sa.select(Deposit).where(Deposit.template == "MC").order_by(Deposit.id)
        ).all()
        codes = {f["code"] for f in faulty.findings}
        annotated = load_workbook(BytesIO(storage.get(faulty.annotated_key)))
    assert faulty.status is DepositStatus.CORRECTION_REQUESTED and not faulty.is_current
    assert {"special_hours.exceed_total", "referential.allocataire_unknown"} <= codes
    assert "referential.child_unknown" in codes  # a warning: the line goes to a GCA
    assert annotated.sheetnames[0] == "Erreurs"
    assert corrected.status is DepositStatus.PROCESSED and corrected.is_current


def test_a_second_file_for_the_same_month_supersedes_the_first_and_updates_the_attestation(
    scenario,
):
    first, second, options, storage, client, after_first = scenario
    assert after_first[first.gad_october].state is DossierState.ACCEPTE
    assert client.dossier(second).state is DossierState.ACCEPTE
    with session_scope(options.url) as session:
        old, new = session.scalars(
            sa.select(Deposit).where(Deposit.month == world.OCTOBER, Deposit.template == "GAD")
            .order_by(Deposit.id)
        ).all()  # fmt: skip
        rows = session.scalars(
            sa.select(Attestation).where(Attestation.allocataire_number == "2000001",
                                         Attestation.month == world.OCTOBER)
        ).all()  # fmt: skip
    assert (old.status, old.is_current, old.superseded_by_id) == (
        DepositStatus.SUPERSEDED, False, new.id,
    )  # fmt: skip
    assert new.attempt == 2 and new.is_current
    (attestation,) = rows
    assert (attestation.version, attestation.total_hours, attestation.deposit_id) == (2, 64, new.id)
    text = pdf_text(storage.get(attestation.pdf_key))
    assert "2000001" in text and "64" in text and "Anjou Famille à Domicile" in text


def test_every_queue_reason_is_reached_with_its_pdf(scenario):
    _, _, options, storage, _, _ = scenario
    with session_scope(options.url) as session:
        items = session.scalars(sa.select(QueueItem)).all()
        by_number = {i.allocataire_number: i.reason for i in items}
    assert set(by_number.values()) == set(QueueReason)
    assert by_number == {
        "1000002": QueueReason.TWINS,
        "1000003": QueueReason.CHILD_NOT_FOUND,
        "1000004": QueueReason.FILE_BEING_UPDATED,
        "2000002": QueueReason.NOT_AFFILIATED,
        "2000003": QueueReason.CMG_CLAIM_UNKNOWN,
    }
    for item in items:
        assert pdf_text(storage.get(item.pdf_key)).count(item.allocataire_number) >= 1
    assert len(items) == 5  # the superseding file did not queue G2 and G3 a second time


def test_the_mc_attestation_holds_every_child_of_the_family(scenario):
    _, _, options, storage, _, _ = scenario
    with session_scope(options.url) as session:
        twins = session.scalars(
            sa.select(Attestation).where(Attestation.allocataire_number == "1000002")
        ).one()
    text = pdf_text(storage.get(twins.pdf_key))
    assert "Hugo" in text and "Jade" in text and "Micro-crèche Les Lucioles" in text
    assert twins.total_hours == 201


def test_the_feed_files_are_utf8_semicolon_separated_with_one_header_line(scenario):
    _, _, options, storage, _, _ = scenario
    with session_scope(options.url) as session:
        runs = session.scalars(sa.select(FeedRun).order_by(FeedRun.id)).all()
    lines = []
    for run in runs:
        text = storage.get(run.file_key).decode("utf-8")
        header, *body = text.splitlines()
        assert header.split(";") == list(feed.COLUMNS)
        lines += [dict(zip(feed.COLUMNS, line.split(";"), strict=True)) for line in body]
    g1 = [line for line in lines if line["numero_allocataire"] == "2000001" and
          line["mois"] == "10/2026"]  # fmt: skip
    assert [(line["version"], line["heures_totales"], line["montant_depense"]) for line in g1] == [
        ("1", "60", "1200.00"),
        ("2", "64", "1280.00"),
    ]
    assert any(line["prenom_enfant"] == "Léa" for line in lines)


def test_each_deposit_gets_its_bilan_on_ds_and_absent_children_are_reported(scenario):
    _, second, options, storage, client, _ = scenario
    with session_scope(options.url) as session:
        bilans = session.scalars(sa.select(Bilan).order_by(Bilan.id)).all()
        absent = session.scalars(sa.select(AbsentChild)).all()
        lines = session.execute(sa.text("select outcome from deposit_lines")).scalars().all()
    assert len(bilans) == 4 and all(b.sent_to_ds_at for b in bilans)
    assert {a.allocataire_number for a in absent} == {"2000004"}
    assert LineOutcome.PENDING.value not in lines
    text = flat(pdf_text(storage.get(bilans[-1].pdf_key)))
    assert "bilan de traitement" in text and "transmise à un gestionnaire" in text
    absent_section = "familles déclarées le mois précédent et absentes de ce fichier"
    assert absent_section in text and "2000004" in text.split(absent_section)[1]
    book = load_workbook(BytesIO(storage.get(bilans[-1].xlsx_key)))
    assert any("CMG" in str(c.value) for row in book.active.iter_rows() for c in row if c.value)
    others = [c.value for row in book["Absences et retraits"].iter_rows() for c in row]
    assert "2000004" in others
    remote = client.dossier(second)
    (message,) = remote.messages
    assert message.attachments[0].filename.endswith(".xlsx")
    assert "1 famille déclarée le mois précédent" in message.body
    assert "n'apparaît pas dans ce fichier (allocataire 2000004)" in message.body


def test_families_whose_attestation_was_processed_get_one_mon_compte_message_per_version(
    scenario,
):
    _, _, options, _, _, _ = scenario
    with session_scope(options.url) as session:
        sent = session.execute(
            sa.select(Notification.allocataire_number, Notification.attestation_version,
                      Notification.text).order_by(Notification.id)
        ).all()  # fmt: skip
    assert sorted((n, v) for n, v, _ in sent) == [
        ("1000001", 1), ("2000001", 1), ("2000001", 1), ("2000001", 2), ("2000004", 1),
    ]  # fmt: skip
    corrected = next(t for _, v, t in sent if v == 2)
    assert "a corrigé sa déclaration" in corrected and "octobre 2026" in corrected


def test_every_stage_run_is_recorded_and_a_third_run_changes_nothing(scenario):
    _, _, options, _, _, _ = scenario
    with session_scope(options.url) as session:
        counted = session.execute(COUNTS).one()
    results = run_all(options)
    assert [r.stage for r in results] == list(STAGE_NAMES)
    assert all(r.status is RunStatus.SUCCEEDED and r.failures == 0 for r in results)
    with session_scope(options.url) as session:
        again = session.execute(COUNTS).one()
        runs = session.scalars(sa.select(Run)).all()
    assert again == counted
    assert len(runs) == 3 * len(STAGE_NAMES)
    assert all(r.status is RunStatus.SUCCEEDED and r.finished_at for r in runs)
    # every counter a stage wrote has its French name (CLI and Automate page)
    assert {key for r in runs for key in r.counts or {}} <= {*COUNTERS, *SHOWN_APART}
