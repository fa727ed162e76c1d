"""What a stage runs with: database, DS client, storage, the run's date, counters and hooks.

`checkpoint()` is where a test's `stop_after` hook interrupts a stage (mid-item as well as
between items), and where the progress callback is told how far the stage got.
"""

from __future__ import annotations

import math
import os
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from cmg_core.backoffice import claim
from cmg_core.db.session import database_url, session_scope
from cmg_core.ds import DSClient, RetryPolicy, guards
from cmg_core.storage import FolderStorage


class Interrupted(Exception):
    """Raised by the `stop_after` hook: the stage stops as if the machine had failed."""


class StageStopped(Exception):
    """The stage cannot go on until someone acts (e.g. a DS champ no longer found): one
    French line per reason, shown as they are (no class name, no stack trace)."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


@dataclass(frozen=True)
class Progress:
    """How far a stage got: `done` items of `total` (None when unknown)."""

    stage: str
    done: int
    total: int | None


@dataclass(frozen=True)
class DSConfig:
    """How to reach DS; picklable, so worker processes build their own client."""

    base_url: str
    token: str
    instructeur_id: str
    timeout: float = 35.0
    retry: RetryPolicy | None = None  # None: the client's default policy

    @classmethod
    def from_settings(cls) -> DSConfig:
        """From CMG_DS_URL, CMG_DS_TOKEN, CMG_DS_INSTRUCTEUR_ID; `DSConfigurationError` (before
        any DS call) when they would send the sandbox's demo values to a real DS."""
        ds = guards.configured()
        return cls(ds.base_url, ds.token, ds.instructeur_id)

    def client(self) -> DSClient:
        return DSClient(
            base_url=self.base_url,
            token=self.token,
            instructeur_id=self.instructeur_id,
            timeout=self.timeout,
            retry=self.retry,
        )

    def __repr__(self) -> str:  # never shows the token
        return f"DSConfig(base_url={self.base_url!r})"


def worker_name() -> str:
    """host:pid, and the thread when it is not the main one (the portal runs stages in its
    sessions' threads): two stages running at once never share a name."""
    name = f"{socket.gethostname()}:{os.getpid()}"
    if threading.current_thread() is not threading.main_thread():
        name += f"/{threading.get_native_id()}"
    return name


@dataclass
class StageContext:
    """One stage execution: its inputs, what it counted and which items failed."""

    stage: str
    url: str
    ds_config: DSConfig
    storage: FolderStorage
    today: date
    now: datetime
    run_id: int | None = None
    worker: str = field(default_factory=worker_name)
    claim_ttl: timedelta = claim.TTL  # claims nobody extends are free after this
    progress: Callable[[Progress], None] | None = None
    stop_after: int | None = None  # raise Interrupted at this checkpoint (tests)
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)  # ids failed in this run: not re-claimed
    done: int = 0
    total: int | None = None
    _steps: int = 0
    _ds: DSClient | None = None

    def __post_init__(self) -> None:
        self.url = database_url(self.url)
        if self.now.tzinfo is None:
            self.now = self.now.replace(tzinfo=UTC)

    @property
    def ds(self) -> DSClient:
        if self._ds is None:
            self._ds = self.ds_config.client()
        return self._ds

    def close(self) -> None:
        if self._ds is not None:
            if self._ds.retry_seconds:  # DS was failing: how long the stage waited for it
                self.counts["ds_retry_seconds"] = math.ceil(self._ds.retry_seconds)
            self._ds.close()
            self._ds = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed at the end of the block, rolled back on error."""
        with session_scope(self.url) as session:
            yield session

    def checkpoint(self) -> None:
        """A point where the stage may be interrupted by the `stop_after` hook."""
        self._steps += 1
        if self.stop_after is not None and self._steps >= self.stop_after:
            raise Interrupted(f"{self.stage}: arrêt demandé au point {self._steps}")

    def advance(self, items: int = 1) -> None:
        """`items` more items finished: tell the progress callback."""
        self.done += items
        if self.progress is not None:
            self.progress(Progress(self.stage, self.done, self.total))

    def fail(self, what: str, error: Exception) -> None:
        """Record a failed item (no personal data: the item's kind and id, the error class)."""
        self.counts["failures"] += 1
        self.failures.append(f"{what}: {type(error).__name__}")
