"""No database transaction (so no row lock) is open while the back office talks to DS: every
HTTP request to DS — reads, decisions, messages, uploads, downloads — is made between
transactions, on SQLite and PostgreSQL, over the whole scenario (both waves, every stage)."""

from __future__ import annotations

import threading
from collections import Counter

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cmg_core.backoffice.runner import run_all
from cmg_core.db.session import dispose_all
from tests.backoffice import world

pytestmark = pytest.mark.slow  # seconds each: `pytest -m "not slow"` skips them

OPEN: Counter[int] = Counter()  # thread -> transactions open on its connections


def _begin(connection: Connection) -> None:
    OPEN[threading.get_ident()] += 1


def _end(connection: Connection) -> None:
    OPEN[threading.get_ident()] -= 1


@pytest.fixture
def watched(monkeypatch):
    """Every DS request made with a transaction open in the calling thread, as (method, url
    path); DS requests counted in all."""
    seen: list[tuple[str, str]] = []
    calls = Counter()
    send = httpx.Client.send

    def checked_send(self, request, **kwargs):
        calls["ds"] += 1
        if OPEN[threading.get_ident()] > 0:
            seen.append((request.method, request.url.path))
        return send(self, request, **kwargs)

    events = (("begin", _begin), ("commit", _end), ("rollback", _end))
    for name, handler in events:
        sa.event.listen(sa.engine.Engine, name, handler)
    monkeypatch.setattr(httpx.Client, "send", checked_send)
    OPEN.clear()
    yield seen, calls
    for name, handler in events:
        sa.event.remove(sa.engine.Engine, name, handler)


def test_every_ds_call_of_every_stage_is_made_outside_a_transaction(
    db_url, sandbox, tmp_path, watched
):
    seen, calls = watched
    world.seed(db_url)
    first = world.first_wave(sandbox)
    options = world.options(db_url, sandbox, tmp_path / "storage")
    run_all(options)
    world.second_wave(sandbox, first)
    run_all(options)
    dispose_all()
    assert calls["ds"] > 40  # sync, habilitations, intake, bilans: DS was really used
    assert seen == []
