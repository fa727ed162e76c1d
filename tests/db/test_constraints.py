"""The database itself refuses duplicates, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from cmg_core.db.deposits import add_current
from cmg_core.db.enums import DepositStatus, QueueReason
from cmg_core.db.models import Attestation, Deposit, QueueItem
from cmg_core.templates import TemplateCode
from cmg_core.values import Month
from tests import builders


def test_a_second_current_deposit_for_the_same_siret_month_and_template_is_refused(session):
    owner = builders.partner(session)
    session.add(builders.new_deposit(session, owner))
    session.flush()
    session.add(builders.new_deposit(session, owner))
    with pytest.raises(IntegrityError):
        session.flush()


def test_current_deposits_for_other_months_or_templates_coexist(session):
    owner = builders.partner(session)
    session.add(builders.new_deposit(session, owner))
    session.add(builders.new_deposit(session, owner, month=Month(2026, 4)))
    session.add(builders.new_deposit(session, owner, template=TemplateCode.GAD))
    session.flush()
    assert session.scalar(sa.select(sa.func.count()).select_from(Deposit)) == 3


def test_a_correction_supersedes_the_current_deposit(session):
    owner = builders.partner(session)
    first = builders.new_deposit(session, owner, status=DepositStatus.CORRECTION_REQUESTED)
    assert add_current(session, first) is None
    second = builders.new_deposit(session, owner)
    assert add_current(session, second) is first
    session.commit()
    session.expire_all()
    assert (first.is_current, first.superseded_by_id, first.status) == (
        False,
        second.id,
        DepositStatus.SUPERSEDED,
    )
    assert (second.is_current, second.attempt) == (True, 2)
    assert first.superseded_at is not None


def test_a_superseded_deposit_cannot_be_marked_current_again(session):
    owner = builders.partner(session)
    first = builders.new_deposit(session, owner)
    add_current(session, first)
    add_current(session, builders.new_deposit(session, owner))
    first.is_current = True
    with pytest.raises(IntegrityError):
        session.flush()


def test_one_attestation_per_allocataire_month_and_partner(session):
    owner = builders.partner(session)
    source = builders.new_deposit(session, owner)
    add_current(session, source)
    session.add(builders.attestation(owner, source))
    session.flush()
    session.add(builders.attestation(owner, source))
    with pytest.raises(IntegrityError):
        session.flush()


def test_the_same_allocataire_may_have_attestations_from_two_partners(session):
    first_partner = builders.partner(session)
    other = builders.partner(session, siret="73282932000074", kind=TemplateCode.GAD)
    for owner in (first_partner, other):
        source = builders.new_deposit(session, owner)
        add_current(session, source)
        session.add(builders.attestation(owner, source))
    session.flush()
    assert session.scalar(sa.select(sa.func.count()).select_from(Attestation)) == 2


def test_money_and_months_come_back_as_decimal_and_month(session):
    owner = builders.partner(session)
    source = builders.new_deposit(session, owner)
    add_current(session, source)
    session.add(builders.attestation(owner, source))
    session.commit()
    session.expire_all()
    row = session.scalars(sa.select(Attestation)).one()
    assert row.amount == Decimal("960.50") and isinstance(row.amount, Decimal)
    assert row.month == Month(2026, 3)
    assert row.created_at.tzinfo is not None


def test_months_sort_in_calendar_order_in_the_database(session):
    owner = builders.partner(session)
    for month in (Month(2026, 10), Month(2025, 12), Month(2026, 2)):
        add_current(session, builders.new_deposit(session, owner, month=month))
    months = session.scalars(sa.select(Deposit.month).order_by(Deposit.month)).all()
    assert months == [Month(2025, 12), Month(2026, 2), Month(2026, 10)]


def test_a_queue_item_is_created_once_per_attestation_and_reason(session):
    owner = builders.partner(session)
    source = builders.new_deposit(session, owner)
    add_current(session, source)
    row = builders.attestation(owner, source)
    session.add(row)
    session.flush()

    def item() -> QueueItem:
        return QueueItem(
            attestation_id=row.id,
            reason=QueueReason.TWINS,
            partner_id=owner.id,
            month=row.month,
            allocataire_number=row.allocataire_number,
        )

    session.add(item())
    session.flush()
    session.add(item())
    with pytest.raises(IntegrityError):
        session.flush()


def test_an_unknown_state_is_refused_by_the_database(session):
    owner = builders.partner(session)
    source = builders.new_deposit(session, owner)
    add_current(session, source)
    session.commit()
    with pytest.raises(IntegrityError):
        session.execute(
            sa.text("UPDATE deposits SET status = 'lost' WHERE id = :id"), {"id": source.id}
        )
