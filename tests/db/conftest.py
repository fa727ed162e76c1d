"""The synthetic Caf fixtures: `seeded` gives a session on the full seeded referential (read only).

`db_url`, `migrated_url` and `session` (SQLite and PostgreSQL) live in `tests/conftest.py`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from cmg_core.db import migrate
from cmg_core.db.session import make_engine
from cmg_core.referential.seed import seed_referential
from cmg_core.values import Month

SEED_REFERENCE = Month(2026, 11)


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory) -> str:
    """A SQLite database with the full synthetic Caf (reference November 2026); read only."""
    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'cmg.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        seed_referential(session, reference=SEED_REFERENCE)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture
def seeded(seeded_url: str) -> Iterator[Session]:
    engine = make_engine(seeded_url)
    with Session(engine) as session:
        yield session
        session.rollback()
    engine.dispose()
