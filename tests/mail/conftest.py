"""Mail fixtures: a migrated SQLite database, a real SMTP capture server on loopback (aiosmtpd),
and run options for the `mail` stage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from cmg_core.backoffice.context import DSConfig
from cmg_core.backoffice.runner import RunOptions
from cmg_core.db import migrate
from cmg_core.db.session import dispose_all
from cmg_core.mail.capture import CaptureServer

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
def url(tmp_path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cmg.db'}"
    migrate.upgrade(url)
    yield url
    dispose_all()


@pytest.fixture
def capture(tmp_path) -> Iterator[CaptureServer]:
    with CaptureServer(tmp_path / "captured") as server:
        yield server


def options(url: str, tmp_path, now: datetime = NOW) -> RunOptions:
    ds = DSConfig("http://127.0.0.1:9", "unused", "unused")  # the mail stage never calls DS
    return RunOptions(url=url, ds=ds, storage_dir=str(tmp_path / "storage"), now=now)
