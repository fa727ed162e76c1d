"""Back-office fixtures: a DS sandbox on a free port (its champ ids random, unknown to the
code, as on the real DS) and a seeded SQLite database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cmg_core.db.session import dispose_all
from cmg_core.ds.sandbox import Sandbox
from tests.backoffice import world


@pytest.fixture
def sandbox(tmp_path) -> Iterator[Sandbox]:
    with Sandbox(tmp_path / "ds-sandbox.db", shuffle_ids=True) as running:
        yield running


@pytest.fixture
def sqlite_url(tmp_path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cmg.db'}"
    world.seed(url)
    yield url
    dispose_all()
