"""Retries and error mapping of the client, on an injected `httpx.MockTransport`."""

from __future__ import annotations

import json

import httpx
import pytest

from cmg_core.ds import (
    DSClient,
    DSError,
    DSForbidden,
    DSGraphQLError,
    DSMutationError,
    DSNotFound,
    DSRateLimited,
    DSServerError,
    DSTimeout,
    DSTransportError,
    DSUnauthorized,
    RetryPolicy,
)

NOW = 1_800_000_000.0
EMPTY_PAGE = {
    "data": {
        "demarche": {
            "number": 1002,
            "dossiers": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": []},
        }
    }
}
ACCEPTED = {
    "data": {
        "dossierAccepter": {
            "dossier": {
                "id": "RG9zc2llci0x",
                "number": 1,
                "state": "accepte",
                "dateDerniereModification": "2026-01-15T10:00:00+01:00",
            },
            "errors": None,
        }
    }
}

Reply = httpx.Response | Exception


class Script:
    """A MockTransport handler answering a scripted sequence, recording every request."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        return reply


def make_client(script: Script, sleeps: list[float], **options) -> DSClient:
    return DSClient(
        base_url="https://ds.test",
        token="unit-token",
        instructeur_id="SW5zdHJ1Y3RldXItMQ==",
        transport=httpx.MockTransport(script),
        retry=options.pop("retry", RetryPolicy(max_attempts=4, base_delay=1.0, jitter=0.0)),
        sleep=sleeps.append,
        clock=lambda: NOW,
        **options,
    )


def ok(payload: dict) -> httpx.Response:
    return httpx.Response(200, json=payload)


def fetch(client: DSClient):
    return client.dossier_page(1002, after="c2F2ZWQ=")


def test_a_429_waits_until_the_ratelimit_reset_header_then_succeeds():
    script = Script(
        httpx.Response(429, text="Too many requests", headers={"RateLimit-Reset": str(NOW + 7)}),
        ok(EMPTY_PAGE),
    )
    sleeps: list[float] = []
    fetch(make_client(script, sleeps))
    assert sleeps == [pytest.approx(7.0)]
    assert len(script.requests) == 2


def test_server_errors_and_timeouts_back_off_exponentially():
    script = Script(
        httpx.Response(500),
        httpx.ReadTimeout("slow"),
        httpx.Response(503),
        ok(EMPTY_PAGE),
    )
    sleeps: list[float] = []
    page = fetch(make_client(script, sleeps))
    assert sleeps == [1.0, 2.0, 4.0]
    assert page.dossiers == ()


def test_jitter_stays_within_its_fraction_and_the_cap():
    policy = RetryPolicy(base_delay=1.0, max_delay=10.0, jitter=0.25)
    delays = [policy.delay(3, reset_at=None, now=NOW) for _ in range(200)]
    assert all(4.0 <= d <= 5.0 for d in delays) and len(set(delays)) > 1
    assert policy.delay(9, reset_at=None, now=NOW) == 10.0


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (httpx.Response(401), DSUnauthorized),
        (httpx.Response(403), DSForbidden),
        (ok({"errors": [{"message": "Demarche not found", "extensions": {"code": "not_found"}}]}),
         DSNotFound),
        (ok({"errors": [{"message": "boom", "extensions": {"code": "unauthorized"}}]}),
         DSGraphQLError),
    ],
)  # fmt: skip
def test_auth_and_graphql_errors_are_raised_at_once_without_retry(reply, error):
    script = Script(reply)
    sleeps: list[float] = []
    with pytest.raises(error) as raised:
        fetch(make_client(script, sleeps))
    assert (len(script.requests), sleeps) == (1, [])
    assert raised.value.operation == "getDemarcheDossiers"


def test_retries_stop_after_max_attempts_with_the_last_error_chained():
    script = Script(httpx.Response(502))
    with pytest.raises(DSServerError) as raised:
        fetch(make_client(script, []))
    assert len(script.requests) == 4
    assert isinstance(raised.value.__cause__, httpx.HTTPStatusError)
    assert raised.value.status_code == 502


def test_a_rate_limit_that_never_ends_surfaces_as_ds_rate_limited():
    script = Script(httpx.Response(429, headers={"RateLimit-Reset": str(NOW + 1)}))
    with pytest.raises(DSRateLimited) as raised:
        fetch(make_client(script, []))
    assert raised.value.reset_at == NOW + 1


def test_a_network_failure_is_a_transport_error_chained_to_httpx():
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(DSTransportError) as raised:
        fetch(make_client(script, []))
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
    assert isinstance(raised.value, DSError)


def test_payload_errors_raise_a_mutation_error_and_are_never_retried():
    refused = {"data": {"dossierAccepter": {"dossier": None, "errors": [{"message": "Non"}]}}}
    script = Script(ok(refused))
    with pytest.raises(DSMutationError) as raised:
        make_client(script, []).dossier_accepter("RG9zc2llci0x")
    assert raised.value.messages == ("Non",)
    assert len(script.requests) == 1


def test_a_mutation_is_not_resent_after_a_read_timeout_or_a_500():
    for failure in (httpx.ReadTimeout("slow"), httpx.Response(500)):
        script = Script(failure, ok(ACCEPTED))
        with pytest.raises((DSTimeout, DSServerError)):
            make_client(script, []).dossier_accepter("RG9zc2llci0x")
        assert len(script.requests) == 1


def test_a_mutation_is_resent_after_a_429_or_a_refused_connection():
    for failure in (httpx.Response(429), httpx.ConnectError("refused")):
        script = Script(failure, ok(ACCEPTED))
        summary = make_client(script, []).dossier_accepter("RG9zc2llci0x")
        assert summary.state == "accepte"
        assert len(script.requests) == 2


def test_requests_carry_the_bearer_token_and_an_explicit_operation_name():
    script = Script(ok(EMPTY_PAGE))
    fetch(make_client(script, []))
    request = script.requests[0]
    body = json.loads(request.content)
    assert request.url == "https://ds.test/api/v2/graphql"
    assert request.headers["Authorization"] == "Bearer unit-token"
    assert body["operationName"] == "getDemarcheDossiers"
    assert body["variables"]["first"] == 100


def test_an_empty_last_page_keeps_the_saved_cursor_instead_of_null():
    page = fetch(make_client(Script(ok(EMPTY_PAGE)), []))
    assert page.end_cursor == "c2F2ZWQ="


def test_the_client_repr_never_shows_the_token():
    client = make_client(Script(ok(EMPTY_PAGE)), [])
    assert "unit-token" not in repr(client)


def test_a_server_side_graphql_timeout_is_retried_for_a_query():
    timeout = ok({"errors": [{"message": "Timeout", "extensions": {"code": "timeout"}}]})
    script = Script(timeout, ok(EMPTY_PAGE))
    sleeps: list[float] = []
    fetch(make_client(script, sleeps))
    assert (len(script.requests), sleeps) == (2, [1.0])


def test_an_empty_token_sends_no_authorization_header():
    script = Script(ok(EMPTY_PAGE))
    client = DSClient(
        base_url="https://ds.test",
        token="",
        instructeur_id="x",
        transport=httpx.MockTransport(script),
    )
    fetch(client)
    assert "Authorization" not in script.requests[0].headers


def test_one_client_sleeps_at_most_its_total_in_retries_then_gives_up_logged(caplog):
    policy = RetryPolicy(max_attempts=10, base_delay=30.0, max_delay=60.0, jitter=0.0)
    script = Script(httpx.Response(503))
    sleeps: list[float] = []
    client = make_client(script, sleeps, retry=policy)
    with pytest.raises(DSServerError):
        fetch(client)  # waits 30 then 60; 60 more would pass 120
    assert sleeps == [30.0, 60.0]
    with pytest.raises(DSServerError):
        fetch(client)  # the same client (one stage): 30 s are left, a first wait of 30 fits
    assert sleeps == [30.0, 60.0, 30.0] and client.retry_seconds == 120.0
    with pytest.raises(DSServerError):
        fetch(client)
    assert sum(sleeps) == 120.0 and len(script.requests) == 3 + 2 + 1
    assert "not retried: 120s of waits already, at most 120s" in caplog.text


def test_a_rate_limit_reset_beyond_the_total_is_not_waited_for():
    script = Script(
        httpx.Response(429, text="Too many requests", headers={"RateLimit-Reset": str(NOW + 50)})
    )
    sleeps: list[float] = []
    policy = RetryPolicy(max_attempts=5, max_delay=60.0, jitter=0.0, max_total_sleep=120.0)
    with pytest.raises(DSRateLimited):
        fetch(make_client(script, sleeps, retry=policy))
    assert sleeps == [50.0, 50.0]
