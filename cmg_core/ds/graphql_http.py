"""HTTP to DS: one GraphQL POST, its failures mapped to `errors`, retried by `RetryPolicy`.

Retried: 429 (waiting until `RateLimit-Reset`), 5xx, timeouts, network errors and top-level
`timeout` errors — for queries. One client sleeps at most `max_total_sleep` seconds in all
(120 s: a stage has one client), so a DS outage ends a stage instead of stalling it. A
mutation is retried only when DS surely did not run it (429, or a request that never left:
connection refused, connect timeout), so a message is never sent twice. Never retried: payload
errors, 401, 403, other GraphQL errors.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from cmg_core.ds import errors

log = logging.getLogger(__name__)
ENDPOINT = "/api/v2/graphql"
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter; `max_delay` also caps a RateLimit-Reset wait, and
    `max_total_sleep` every wait of one client (one stage) together."""

    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 60.0
    jitter: float = 0.25
    max_total_sleep: float = 120.0

    def delay(self, attempt: int, *, reset_at: float | None, now: float) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        if reset_at is not None:
            wait = max(reset_at - now, 0.0)
        else:
            wait = self.base_delay * 2 ** (attempt - 1)
        wait *= 1 + random.uniform(0, self.jitter)
        return min(wait, self.max_delay)


def retryable(exc: errors.DSError, *, mutation: bool) -> bool:
    """Whether the failed request may be sent again (see the module docstring)."""
    if isinstance(exc, errors.DSRateLimited):
        return True
    if isinstance(exc, errors.DSTransportError):
        return exc.transient and not (mutation and exc.sent)
    if mutation:
        return False
    if isinstance(exc, errors.DSServerError):
        return True
    return isinstance(exc, errors.DSGraphQLError) and exc.code == "timeout"


def _reset_at(response: httpx.Response) -> float | None:
    value = response.headers.get("RateLimit-Reset")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def raise_for_status(operation: str, response: httpx.Response) -> None:
    """Map a non-2xx answer to its `DSHTTPError` subclass (chained to httpx's error)."""
    try:
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        status = response.status_code
        text = f"HTTP {status}"
        if status == 401:
            raise errors.DSUnauthorized(operation, text, status_code=status) from exc
        if status == 403:
            raise errors.DSForbidden(operation, text, status_code=status) from exc
        if status == 429:
            reset_at = _reset_at(response)
            raise errors.DSRateLimited(operation, text, reset_at=reset_at) from exc
        if status >= 500:
            raise errors.DSServerError(operation, text, status_code=status) from exc
        raise errors.DSHTTPError(operation, text, status_code=status) from exc


def send(operation: str, request: Callable[[], httpx.Response]) -> httpx.Response:
    """Run `request`, mapping httpx's network failures to `DSTransportError`/`DSTimeout`."""
    try:
        return request()
    except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise errors.DSTimeout(operation, "connexion impossible (délai)", sent=False) from exc
    except httpx.TimeoutException as exc:
        raise errors.DSTimeout(operation, "pas de réponse dans le délai") from exc
    except (httpx.LocalProtocolError, httpx.UnsupportedProtocol) as exc:
        message = f"requête invalide ({type(exc).__name__})"
        raise errors.DSTransportError(operation, message, sent=False, transient=False) from exc
    except httpx.ConnectError as exc:
        raise errors.DSTransportError(operation, "connexion impossible", sent=False) from exc
    except httpx.TransportError as exc:
        raise errors.DSTransportError(operation, type(exc).__name__) from exc


class Retrier:
    """Runs an attempt again while its failure is retryable and attempts remain."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.policy = policy
        self._sleep = sleep
        self._clock = clock
        self.slept = 0.0  # seconds slept so far, all operations together

    def run(self, operation: str, attempt: Callable[[], T], *, mutation: bool) -> T:
        number = 1
        while True:
            try:
                return attempt()
            except errors.DSError as exc:
                if number >= self.policy.max_attempts or not retryable(exc, mutation=mutation):
                    raise
                reset_at = getattr(exc, "reset_at", None)
                wait = self.policy.delay(number, reset_at=reset_at, now=self._clock())
                if self.slept + wait > self.policy.max_total_sleep:
                    log.warning(
                        "DS %s failed (%s), not retried: %.0fs of waits already, at most %.0fs",
                        operation,
                        type(exc).__name__,
                        self.slept,
                        self.policy.max_total_sleep,
                    )
                    raise
                log.warning(
                    "DS %s failed (%s), attempt %d/%d, retrying in %.2fs (%.0fs of %.0fs)",
                    operation,
                    type(exc).__name__,
                    number,
                    self.policy.max_attempts,
                    wait,
                    self.slept + wait,
                    self.policy.max_total_sleep,
                )
                self.slept += wait
                self._sleep(wait)
                number += 1


class GraphQLEndpoint:
    """POSTs GraphQL documents to DS with the Bearer token, returning `data`."""

    def __init__(self, http: httpx.Client, retrier: Retrier) -> None:
        self._http = http  # carries base_url and the Authorization header
        self._retrier = retrier

    def execute(
        self, operation: str, document: str, variables: Mapping[str, Any], *, mutation: bool
    ) -> dict[str, Any]:
        body = {"query": document, "operationName": operation, "variables": dict(variables)}
        return self._retrier.run(
            operation, lambda: self._attempt(operation, body), mutation=mutation
        )

    def _attempt(self, operation: str, body: dict[str, Any]) -> dict[str, Any]:
        started = time.monotonic()
        response = send(operation, lambda: self._http.post(ENDPOINT, json=body))
        log.debug(
            "DS %s: HTTP %d in %.3fs",
            operation,
            response.status_code,
            time.monotonic() - started,
        )
        raise_for_status(operation, response)
        try:
            answer = response.json()
        except ValueError as exc:
            raise errors.DSServerError(
                operation, "réponse illisible (pas du JSON)", status_code=response.status_code
            ) from exc
        top_errors = answer.get("errors") or []
        if top_errors:
            first = top_errors[0]
            code = (first.get("extensions") or {}).get("code")
            kind = errors.DSNotFound if code == "not_found" else errors.DSGraphQLError
            raise kind(operation, first.get("message", ""), code=code, errors=top_errors)
        return answer.get("data") or {}
