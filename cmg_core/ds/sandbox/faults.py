"""Faults injected on demand into the sandbox's GraphQL endpoint (thread-safe).

faults.rate_limit(after=3, times=1, reset_in=1.0)   # the 4th call gets 429 + RateLimit-Reset
faults.fail(times=2, status=500)                    # the next 2 calls get HTTP 500
faults.fail(times=1, after=2)                       # the 3rd call from now gets HTTP 500
faults.slow(times=1, seconds=2.0)                   # the next call answers 2 s late
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    """What to do to one call: answer `status` (with `reset_at` on 429), or delay it."""

    status: int | None = None
    reset_at: int | None = None
    delay: float = 0.0


class Faults:
    """Pending faults; each GraphQL call takes at most one failure and one delay."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.calls = 0
            self._rate_limit_at: int | None = None
            self._rate_limit_times = 0
            self._reset_in = 1.0
            self._failures: list[int] = []
            self._fail_after = 0
            self._slow: list[float] = []

    def rate_limit(self, *, after: int = 0, times: int = 1, reset_in: float = 1.0) -> None:
        """After `after` more calls, answer 429 to the next `times` calls."""
        with self._lock:
            self._rate_limit_at = self.calls + after
            self._rate_limit_times = times
            self._reset_in = reset_in

    def fail(self, *, times: int = 1, status: int = 500, after: int = 0) -> None:
        """After `after` more calls, answer `status` (a 5xx) to the next `times` calls."""
        with self._lock:
            self._failures.extend([status] * times)
            self._fail_after = self.calls + after

    def slow(self, *, times: int = 1, seconds: float = 1.0) -> None:
        """Delay the next `times` calls by `seconds` (then answer normally)."""
        with self._lock:
            self._slow.extend([seconds] * times)

    def next_call(self) -> Fault:
        """Count one call and say which fault, if any, it meets."""
        with self._lock:
            self.calls += 1
            delay = self._slow.pop(0) if self._slow else 0.0
            limited = self._rate_limit_at is not None and self.calls > self._rate_limit_at
            if limited and self._rate_limit_times > 0:
                self._rate_limit_times -= 1
                reset_at = math.ceil(time.time() + self._reset_in)
                return Fault(status=429, reset_at=reset_at, delay=delay)
            if self._failures and self.calls > self._fail_after:
                return Fault(status=self._failures.pop(0), delay=delay)
            return Fault(delay=delay)
