"""File manuelle: a GCA takes a case, resolves it, and it leaves the queue; the journal has it."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.enums import QueueOutcome, QueueStatus, Role
from cmg_core.db.models import AuditEntry, QueueItem
from cmg_core.db.session import session_scope
from tests.pages.staff.conftest import signed_in


def open_queue(world, browser):
    app = signed_in(world, Role.GCA, browser)
    return app.switch_page("pages/staff/queue.py").run()


def listed(app, case_id: int) -> bool:
    return any(o.startswith(f"N° {case_id} ·") for o in app.selectbox(key="queue_case").options)


def button(app, label):
    return next(b for b in app.button if b.label == label)


def test_the_queue_lists_every_open_case_oldest_first_with_its_pdf_and_history(world, browser):
    app = open_queue(world, browser)

    table = app.dataframe[0].value
    assert len(table) == len(world.queue)
    assert list(table["Attente (jours)"]) == sorted(table["Attente (jours)"], reverse=True)
    viewers = [e.proto.component_name for e in app.get("bidi_component")]
    assert viewers == ["streamlit-pdf.pdf_viewer"]  # the attestation shown inline
    assert any(b.label == "Télécharger l'attestation (PDF)" for b in app.get("download_button"))
    assert app.subheader[-1].value == "Historique"


def test_taking_then_resolving_a_case_removes_it_from_the_queue_and_journals_it(world, browser):
    app = open_queue(world, browser)
    case_id = app.selectbox(key="queue_case").value

    assert not [b for b in app.button if b.label == "Résoudre"]  # only once taken
    button(app, "Prendre en charge").click().run()
    assert app.success[0].value == f"Dossier n° {case_id} pris en charge : vous pouvez le résoudre."
    key = f"queue_case_panel_{case_id}"
    app.radio(key=f"{key}_outcome").set_value(QueueOutcome.REFUSED)
    app.text_area(key=f"{key}_comment").input("Enfant de plus de 6 ans : CMG non dû.")
    button(app, "Résoudre").click().run()

    assert not app.exception
    assert app.success[0].value.startswith(f"Dossier n° {case_id} (allocataire ")
    assert "résolu : refusé. Le dossier suivant de la file est affiché." in app.success[0].value
    assert len(app.dataframe[0].value) == len(world.queue) - 1
    assert not listed(app, case_id)
    with session_scope() as session:
        item = session.get(QueueItem, case_id)
        assert (item.status, item.outcome) == (QueueStatus.RESOLVED, QueueOutcome.REFUSED)
        actions = session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.target_id == str(case_id))
        ).all()
    assert actions == ["queue.take", "queue.resolve"]


def test_refusing_without_a_comment_says_why_next_to_the_button_and_keeps_the_case(world, browser):
    app = open_queue(world, browser)
    case_id = app.selectbox(key="queue_case").value
    button(app, "Prendre en charge").click().run()
    app.radio(key=f"queue_case_panel_{case_id}_outcome").set_value(QueueOutcome.REFUSED)

    button(app, "Résoudre").click().run()

    assert "Indiquez un commentaire" in app.error[0].value
    assert listed(app, case_id)


def test_filtering_by_reason_keeps_only_that_reason(world, browser):
    app = open_queue(world, browser)
    reason = world.queue[0].reason

    app.multiselect(key="queue_reasons").set_value([reason]).run()

    expected = sum(1 for item in world.queue if item.reason == reason)
    assert len(app.dataframe[0].value) == expected
