"""A small seeded SQLite database named by DATABASE_URL, for the partners commands."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cmg_core.db import migrate
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.referential.seed import seed_referential


@pytest.fixture
def database(tmp_path, monkeypatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cmg.db'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        seed_referential(session, families=20)
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    dispose_all()
