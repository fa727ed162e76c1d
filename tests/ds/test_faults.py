"""Injected faults (429 with RateLimit-Reset, 500s, slow answers) survived by the client."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import httpx
import pytest

from cmg_core.ds import DSRateLimited, DSServerError, DSTimeout, RetryPolicy
from cmg_core.ds.demarches import MC
from tests.ds.conftest import FAST_RETRY, deposit_mc

SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def full_sync(client) -> list[int]:
    numbers: list[int] = []
    for page in client.dossier_pages(MC.number, updated_since=SINCE):
        numbers += [d.number for d in page.dossiers]
    return numbers


def test_a_sync_through_429_500_and_timeouts_loses_and_duplicates_nothing(sandbox, caplog):
    expected = [deposit_mc(sandbox).number for _ in range(250)]
    sandbox.faults.rate_limit(after=1, times=2, reset_in=0)
    sandbox.faults.fail(times=2, status=500)
    sandbox.faults.slow(times=1, seconds=0.6)
    with sandbox.client(retry=FAST_RETRY, timeout=0.3) as client:
        numbers = full_sync(client)
    assert sorted(numbers) == expected and len(numbers) == len(set(numbers))
    retried = " ".join(r.getMessage() for r in caplog.records)
    assert all(kind in retried for kind in ("DSRateLimited", "DSServerError", "DSTimeout"))


def test_the_sandbox_answers_429_in_plain_text_with_a_ratelimit_reset_epoch(sandbox):
    sandbox.faults.rate_limit(after=0, times=1, reset_in=5)
    answer = httpx.post(f"{sandbox.url}/api/v2/graphql", json={"query": "{ __typename }"})
    assert answer.status_code == 429 and answer.headers["content-type"] == "text/plain"
    assert time.time() < int(answer.headers["RateLimit-Reset"]) <= time.time() + 6


def test_a_persistent_rate_limit_surfaces_after_the_allowed_attempts(sandbox):
    sandbox.faults.rate_limit(after=0, times=10, reset_in=0)
    with (
        sandbox.client(retry=RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.01)) as c,
        pytest.raises(DSRateLimited) as raised,
    ):
        c.dossier_page(MC.number)
    assert raised.value.operation == "getDemarcheDossiers"
    assert sandbox.faults.calls == 3


def test_persistent_server_errors_surface_as_server_error(sandbox):
    sandbox.faults.fail(times=10, status=502)
    with (
        sandbox.client(retry=RetryPolicy(max_attempts=2, base_delay=0.001)) as client,
        pytest.raises(DSServerError) as raised,
    ):
        client.dossier_page(MC.number)
    assert raised.value.status_code == 502


def test_an_answer_slower_than_the_client_timeout_raises_ds_timeout(sandbox):
    sandbox.faults.slow(times=2, seconds=0.5)
    with (
        sandbox.client(retry=RetryPolicy(max_attempts=2, base_delay=0.001), timeout=0.2) as c,
        pytest.raises(DSTimeout) as raised,
    ):
        c.dossier_page(MC.number)
    assert isinstance(raised.value.__cause__, httpx.TimeoutException)


def test_faults_can_be_ordered_over_http_by_the_admin_endpoint(sandbox, client):
    answer = httpx.post(f"{sandbox.url}/__sandbox/faults", json={"fail": {"times": 1}})
    assert answer.status_code == 200
    client.dossier_page(MC.number)  # one 500, then retried
    assert sandbox.faults.calls == 2
