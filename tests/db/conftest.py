"""Database fixtures: `db_url` runs a test on a SQLite file and on PostgreSQL; `session` gives a
session on a database migrated to the newest revision; `seeded` one on the full synthetic Caf."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from cmg_core.db import migrate
from cmg_core.db.session import make_engine
from cmg_core.referential.seed import seed_referential
from cmg_core.values import Month


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cmg.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def migrated_url(db_url: str) -> str:
    migrate.upgrade(db_url)
    return db_url


@pytest.fixture
def session(migrated_url: str) -> Iterator[Session]:
    engine = make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


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
