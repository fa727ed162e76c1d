"""Leases keep work to one worker at a time; `skip_locked` claims distinct rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db import leases
from cmg_core.db.models import Partner
from cmg_core.db.session import make_engine
from tests import builders

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
TTL = timedelta(minutes=5)


def test_a_lease_held_by_one_worker_is_refused_to_another(session):
    assert leases.acquire(session, "sync:1002", "worker-a", TTL, now=NOW)
    assert not leases.acquire(session, "sync:1002", "worker-b", TTL, now=NOW)
    assert leases.acquire(session, "sync:1003", "worker-b", TTL, now=NOW)


def test_the_holder_renews_its_lease_and_an_expired_one_can_be_taken(session):
    assert leases.acquire(session, "sync:1002", "worker-a", TTL, now=NOW)
    assert leases.acquire(session, "sync:1002", "worker-a", TTL, now=NOW + timedelta(minutes=1))
    later = NOW + timedelta(minutes=7)
    assert leases.acquire(session, "sync:1002", "worker-b", TTL, now=later)


def test_a_released_lease_is_free_again(session):
    leases.acquire(session, "intake", "worker-a", TTL, now=NOW)
    leases.release(session, "intake", "worker-a")
    assert leases.acquire(session, "intake", "worker-b", TTL, now=NOW)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_two_workers_claim_different_rows_with_skip_locked(session, migrated_url):
    builders.partner(session, siret="11111111111111")
    builders.partner(session, siret="22222222222222")
    session.commit()
    claim = leases.skip_locked(sa.select(Partner).order_by(Partner.id).limit(1))
    engine = make_engine(migrated_url)
    with Session(engine) as first, Session(engine) as second:
        taken_first = first.scalars(claim).one()
        taken_second = second.scalars(claim).one()
        assert taken_first.id != taken_second.id
    engine.dispose()
