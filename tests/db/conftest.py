"""Database fixtures: `db_url` runs a test on a SQLite file and on PostgreSQL; `session` gives a
session on a database migrated to the newest revision."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from cmg_core.db import migrate
from cmg_core.db.session import make_engine


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
