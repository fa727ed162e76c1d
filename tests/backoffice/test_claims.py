"""The claim mechanism itself, on SQLite and PostgreSQL: a claim is committed before the work,
lasts until its time unless a heartbeat extends it, and is taken over once expired — decided
by time alone, so workers on several hosts (simulated by their names) share work safely."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from cmg_core.backoffice import claim
from cmg_core.backoffice.claim import ClaimLost, Heartbeat, extend, release, take, take_name
from cmg_core.db.enums import RunStatus
from cmg_core.db.models import Deposit, Run
from cmg_core.db.session import dispose_all, session_scope
from tests import builders

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)
TTL = timedelta(minutes=2)
HOST_A, HOST_B = "caf-batch-1.example:4242", "caf-batch-2.example:4242"  # same pid, two hosts
ALL = sa.select(Deposit).order_by(Deposit.id)


@pytest.fixture
def deposits(session, migrated_url) -> list[int]:
    owner = builders.partner(session)
    ids = [builders.deposit(session, owner, builders.MARCH.shift(-i)).id for i in range(3)]
    session.commit()
    yield ids
    dispose_all()


def holder(url: str, deposit_id: int) -> tuple[str | None, datetime | None]:
    with session_scope(url) as session:
        row = session.get(Deposit, deposit_id)
        return row.claimed_by, row.claimed_until


def test_a_claim_is_committed_with_its_worker_and_time_before_the_work(migrated_url, deposits):
    got = take(migrated_url, ALL, HOST_A, ttl=TTL, now=NOW)
    assert got.key == deposits[0]
    assert holder(migrated_url, deposits[0]) == (HOST_A, NOW + TTL)  # seen by anyone now


def test_a_live_claim_is_not_taken_by_another_worker_until_it_expires(migrated_url, deposits):
    first = sa.select(Deposit).where(Deposit.id == deposits[0])
    assert take(migrated_url, first, HOST_A, ttl=TTL, now=NOW)
    assert take(migrated_url, first, HOST_B, ttl=TTL, now=NOW + TTL - timedelta(seconds=1)) is None
    later = take(migrated_url, first, HOST_B, ttl=TTL, now=NOW + TTL + timedelta(seconds=1))
    assert later is not None and holder(migrated_url, deposits[0])[0] == HOST_B


def test_contenders_take_different_rows(migrated_url, deposits):
    taken = [take(migrated_url, ALL, worker, ttl=TTL, now=NOW).key for worker in ("a:1", "b:2")]
    assert taken == deposits[:2]
    assert take(migrated_url, ALL, "c:3", ttl=TTL, now=NOW).key == deposits[2]
    assert take(migrated_url, ALL, "d:4", ttl=TTL, now=NOW) is None


def test_a_dead_holders_work_is_taken_over_and_its_late_release_is_refused(migrated_url, deposits):
    dead = take(migrated_url, ALL, HOST_A, ttl=TTL, now=NOW)  # then host A goes silent
    after_expiry = NOW + TTL + timedelta(seconds=1)
    alive = take(migrated_url, ALL, HOST_B, ttl=TTL, now=after_expiry)
    assert alive.key == dead.key
    with pytest.raises(ClaimLost), session_scope(migrated_url) as session:
        release(session, dead)  # host A wakes up: its results must not be committed
    with session_scope(migrated_url) as session:
        release(session, alive)
    assert holder(migrated_url, dead.key) == (None, None)


def test_a_heartbeat_keeps_a_claim_past_its_first_time(migrated_url, deposits):
    first = sa.select(Deposit).where(Deposit.id == deposits[0])
    assert take(migrated_url, first, HOST_A, ttl=TTL, now=NOW)
    beat = NOW + timedelta(minutes=1, seconds=30)
    assert extend(migrated_url, HOST_A, ttl=TTL, now=beat) == 1
    assert take(migrated_url, first, HOST_B, ttl=TTL, now=NOW + TTL + timedelta(minutes=1)) is None
    assert take(migrated_url, first, HOST_B, ttl=TTL, now=beat + TTL + timedelta(seconds=1))


def test_another_host_with_the_same_pid_is_another_worker(migrated_url, deposits):
    first = sa.select(Deposit).where(Deposit.id == deposits[0])
    assert take(migrated_url, first, HOST_A, ttl=TTL, now=NOW)
    assert take(migrated_url, first, HOST_B, ttl=TTL, now=NOW) is None


def test_a_worker_starting_again_frees_the_claims_of_the_stage_it_interrupted(
    migrated_url, deposits
):
    first = sa.select(Deposit).where(Deposit.id == deposits[0])
    assert take(migrated_url, first, HOST_A, ttl=TTL, now=NOW)
    assert take(migrated_url, first, HOST_A, ttl=TTL, now=NOW) is None  # held, even by itself
    assert take_name(migrated_url, "sync:1002", HOST_A, ttl=TTL, now=NOW)
    assert claim.drop_leftovers(migrated_url, HOST_B) == 0
    assert claim.drop_leftovers(migrated_url, HOST_A) == 2
    assert take(migrated_url, first, HOST_A, ttl=TTL, now=NOW).key == deposits[0]


def test_a_lease_is_one_named_claim(migrated_url):
    held = take_name(migrated_url, "sync:1002", HOST_A, ttl=TTL, now=NOW)
    assert held is not None
    assert take_name(migrated_url, "sync:1002", HOST_B, ttl=TTL, now=NOW) is None
    assert take_name(migrated_url, "sync:1003", HOST_B, ttl=TTL, now=NOW) is not None
    assert take_name(migrated_url, "sync:1002", HOST_B, ttl=TTL, now=NOW + TTL * 2) is not None
    claim.give_back(migrated_url, held)  # too late: B holds it, A's give-back changes nothing
    assert take_name(migrated_url, "sync:1002", HOST_A, ttl=TTL, now=NOW + TTL * 2) is None


def test_with_a_lease_the_second_worker_skips_the_work(migrated_url):
    with (
        claim.lease(migrated_url, "sync:1002", HOST_A) as first,
        claim.lease(migrated_url, "sync:1002", HOST_B) as second,
    ):
        assert (first, second) == (True, False)
    with claim.lease(migrated_url, "sync:1002", HOST_B) as after:
        assert after


def test_two_workers_racing_take_each_row_exactly_once(migrated_url, session):
    owner = builders.partner(session)
    for i in range(12):
        builders.deposit(session, owner, builders.MARCH.shift(-i), lines=0)
    session.commit()
    taken: dict[str, list[int]] = {HOST_A: [], HOST_B: []}

    def work(worker: str) -> None:
        while got := take(migrated_url, ALL, worker, ttl=TTL):  # kept: each is taken once
            taken[worker].append(got.key)

    threads = [threading.Thread(target=work, args=(w,)) for w in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = taken[HOST_A] + taken[HOST_B]
    assert sorted(every) == sorted(set(every)) and len(every) == 12
    dispose_all()


def test_a_run_whose_worker_stopped_beating_is_closed_as_failed(migrated_url, session):
    stale = Run(stage="intake", worker=HOST_A, claimed_until=NOW - timedelta(seconds=1))
    live = Run(stage="intake", worker=HOST_B, claimed_until=NOW + TTL)
    session.add_all([stale, live])
    session.commit()
    assert claim.close_stale_runs(migrated_url, now=NOW) == 1
    session.expire_all()
    assert (stale.status, stale.error, stale.finished_at) == (
        RunStatus.FAILED,
        claim.STALE_RUN,
        NOW,
    )
    assert live.status is RunStatus.RUNNING
    assert extend(migrated_url, HOST_B, ttl=TTL, now=NOW + TTL) == 1  # the run's own heartbeat
    assert claim.close_stale_runs(migrated_url, now=NOW + TTL + timedelta(seconds=1)) == 0
    dispose_all()


@pytest.mark.slow
def test_the_heartbeat_thread_extends_claims_while_the_work_runs(migrated_url, deposits):
    ttl = timedelta(seconds=3)  # beats every 0.75 s
    first = sa.select(Deposit).where(Deposit.id == deposits[0])
    assert take(migrated_url, first, HOST_A, ttl=ttl)
    with Heartbeat(migrated_url, HOST_A, ttl):
        time.sleep(4.5)  # past the claim's first time
        assert take(migrated_url, first, HOST_B, ttl=ttl) is None
    deadline = time.monotonic() + 10
    while not take(migrated_url, first, HOST_B, ttl=ttl):  # no heartbeat: it expires
        assert time.monotonic() < deadline
        time.sleep(0.2)
