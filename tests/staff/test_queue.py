"""Working the GCA queue: take, assign, release, resolve, with history, journal and conflicts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import (
    AttestationState,
    QueueAction,
    QueueOutcome,
    QueueReason,
    QueueStatus,
    Role,
)
from cmg_core.db.models import Attestation, AuditEntry
from cmg_core.staff import queue
from cmg_core.staff.audit import Actor
from cmg_core.staff.cases import Ageing, CaseFilter, ageing, cases
from cmg_core.values import Month
from tests import builders

MARCH = Month(2026, 3)


@pytest.fixture
def people(session) -> dict[str, Actor]:
    return {
        name: Actor(builders.staff(session, f"{name}@caf.example", role), f"{name}@caf.example")
        for name, role in (("claire", Role.GCA), ("paul", Role.GCA), ("alice", Role.AGENT))
    }


@pytest.fixture
def item(session):
    owner = builders.partner(session, "Les Petits Pas")
    return builders.queue_item(session, builders.deposit(session, owner, MARCH))


def test_taking_an_open_case_assigns_it_records_the_event_and_the_journal(session, item, people):
    queue.take(session, item.id, people["claire"])

    session.refresh(item)
    assert item.status == QueueStatus.TAKEN and item.assignee_id == people["claire"].id
    events = [(e.action, who) for e, who, _ in queue.history(session, item.id)]
    assert events == [(QueueAction.CREATED, "automate"), (QueueAction.TAKEN, "claire@caf.example")]
    audit = session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "queue.take")).one()
    assert (audit.actor_email, audit.target_type, audit.target_id) == (
        "claire@caf.example",
        "queue_item",
        str(item.id),
    )


def test_a_case_taken_by_a_colleague_cannot_be_taken_or_resolved(session, item, people):
    queue.take(session, item.id, people["claire"])

    with pytest.raises(queue.CaseConflictError, match=r"pris en charge par claire@caf\.example"):
        queue.take(session, item.id, people["paul"])
    with pytest.raises(queue.CaseConflictError):
        queue.resolve(session, item.id, QueueOutcome.APPLIED, "ok", people["paul"])


def test_resolving_closes_the_case_with_outcome_comment_and_settles_the_attestation(
    session, item, people
):
    queue.take(session, item.id, people["claire"])
    queue.resolve(session, item.id, QueueOutcome.APPLIED, "Affiliation vérifiée.", people["claire"])

    session.refresh(item)
    assert (item.status, item.outcome, item.comment) == (
        QueueStatus.RESOLVED,
        QueueOutcome.APPLIED,
        "Affiliation vérifiée.",
    )
    assert item.resolved_at is not None
    assert session.get(Attestation, item.attestation_id).state == AttestationState.PROCESSED
    assert cases(session, CaseFilter()) == []
    with pytest.raises(queue.CaseConflictError, match="déjà résolu"):
        queue.resolve(session, item.id, QueueOutcome.REFUSED, "encore", people["claire"])


def test_only_a_case_one_has_taken_can_be_resolved(session, item, people):
    with pytest.raises(queue.QueueError, match="Prenez d'abord ce dossier en charge"):
        queue.resolve(session, item.id, QueueOutcome.APPLIED, "ok", people["claire"])


def test_a_refusal_needs_a_comment_other_decisions_do_not(session, item, people):
    queue.take(session, item.id, people["claire"])
    with pytest.raises(queue.QueueError, match="commentaire"):
        queue.resolve(session, item.id, QueueOutcome.REFUSED, "  ", people["claire"])

    queue.resolve(session, item.id, QueueOutcome.NO_ACTION, "  ", people["claire"])

    session.refresh(item)
    assert (item.status, item.comment) == (QueueStatus.RESOLVED, None)


def test_a_case_can_be_assigned_to_a_gca_but_not_to_an_agent(session, item, people):
    queue.assign(session, item.id, people["paul"].id, people["claire"])

    session.refresh(item)
    assert item.assignee_id == people["paul"].id
    with pytest.raises(queue.QueueError, match="gestionnaire actif"):
        queue.assign(session, item.id, people["alice"].id, people["claire"])


def test_releasing_puts_the_case_back_in_the_queue_for_anyone(session, item, people):
    queue.take(session, item.id, people["claire"])
    with pytest.raises(queue.CaseConflictError):
        queue.release(session, item.id, people["paul"])

    queue.release(session, item.id, people["claire"])
    queue.take(session, item.id, people["paul"])

    session.refresh(item)
    assert item.assignee_id == people["paul"].id


def test_cases_filter_by_reason_partner_month_and_age(session, people):
    owner = builders.partner(session, "Bébé Câlin")
    other = builders.partner(session, "Les Lucioles")
    old = builders.queue_item(
        session,
        builders.deposit(session, owner, MARCH),
        QueueReason.TWINS,
        age=builders.timedelta(days=20),
    )
    builders.queue_item(session, builders.deposit(session, other, MARCH.shift(-1)))

    assert [c.id for c in cases(session, CaseFilter(reasons=(QueueReason.TWINS,)))] == [old.id]
    assert [c.id for c in cases(session, CaseFilter(partner_ids=(owner.id,)))] == [old.id]
    assert [c.id for c in cases(session, CaseFilter(months=(MARCH,)))] == [old.id]
    found = cases(session, CaseFilter(min_age_days=14))
    assert [(c.id, c.ageing, c.partner_name) for c in found] == [
        (old.id, Ageing.LATE, "Bébé Câlin")
    ]


def test_ageing_colours_change_at_7_and_14_days():
    assert [ageing(d) for d in (0, 6, 7, 13, 14)] == [
        Ageing.FRESH,
        Ageing.FRESH,
        Ageing.WATCH,
        Ageing.WATCH,
        Ageing.LATE,
    ]
