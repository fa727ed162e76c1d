"""Engines and sessions, made in one place from `DATABASE_URL` (or an explicit URL).

SQLite connections get WAL, foreign keys and a busy timeout on connect; the folder of a SQLite
file is created if needed. `session_scope()` commits on success and rolls back on error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from cmg_core import settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
_ENGINES: dict[str, Engine] = {}
_FACTORIES: dict[str, sessionmaker[Session]] = {}


def database_url(url: str | None = None) -> str:
    """The URL to use: the given one, else the `DATABASE_URL` setting."""
    return url or settings.get("DATABASE_URL")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """A new engine for `url` (default `DATABASE_URL`); prefer the cached `get_engine`."""
    url = database_url(url)
    if is_sqlite(url):
        _ensure_sqlite_folder(url)
        engine = sa.create_engine(url, **kwargs)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, **kwargs)


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url` (one pool per URL)."""
    url = database_url(url)
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    """The process-wide session maker for `url`; objects stay usable after commit."""
    url = database_url(url)
    if url not in _FACTORIES:
        _FACTORIES[url] = sessionmaker(get_engine(url), expire_on_commit=False)
    return _FACTORIES[url]


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session in a transaction: committed when the block ends, rolled back on error."""
    with session_factory(url).begin() as session:
        yield session


def dispose_all() -> None:
    """Close every cached pool and forget it (tests, forked workers)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
    _FACTORIES.clear()


def _ensure_sqlite_folder(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
