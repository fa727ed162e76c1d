"""Shared test fixtures: optional services (PostgreSQL, Chromium) and their CI policy, and the
database of every test: `db_url` runs a test on a SQLite file and on PostgreSQL, `session` gives
a session on it migrated to the newest revision. Rows are built with `tests.builders`.

PostgreSQL and browser suites skip loudly on a machine without the service; with
CMG_REQUIRE_POSTGRES=1 / CMG_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
_UNAVAILABLE: list[str] = []


def require_service(name: str, available: bool, reason: str) -> None:
    """Skip (loudly) or fail, by the CI policy, when a service is unavailable."""
    if available:
        return
    if os.environ.get(f"CMG_REQUIRE_{name.upper()}") == "1":
        pytest.fail(f"{name} is mandatory here (CMG_REQUIRE_{name.upper()}=1): {reason}")
    _UNAVAILABLE.append(name)
    pytest.skip(f"!!! {name.upper()} UNAVAILABLE — suite skipped on this machine: {reason}")


def pytest_collection_modifyitems(items) -> None:
    """Every browser test is also `slow` (a real portal and Chromium each)."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter) -> None:
    if _UNAVAILABLE:
        names = ", ".join(sorted(set(_UNAVAILABLE)))
        terminalreporter.write_sep(
            "!", f"SKIPPED SUITES: {names} unavailable here; they are mandatory in CI", red=True
        )


def _postgres_base_url() -> str:
    return os.environ.get(
        "CMG_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )


def _postgres_reachable(url: str) -> tuple[bool, str]:
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
        engine.dispose()
        return True, ""
    except Exception as exc:  # any failure means "not here"; the reason is shown
        return False, f"{type(exc).__name__}: {exc}".splitlines()[0]


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = _postgres_base_url()
    ok, reason = _postgres_reachable(url)
    require_service("postgres", ok, reason or url)
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A URL whose connections live in a fresh, private schema, dropped afterwards."""
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_server_url)
    with admin.begin() as connection:
        connection.execute(sa.text(f'create schema "{schema}"'))
    separator = "&" if "?" in postgres_server_url else "?"
    yield f"{postgres_server_url}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(sa.text(f'drop schema "{schema}" cascade'))
    admin.dispose()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    available = Path(CHROMIUM).exists()
    require_service("browser", available, f"{CHROMIUM} not found (apt-get install -y chromium)")
    return CHROMIUM


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cmg.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def migrated_url(db_url: str) -> str:
    from cmg_core.db import migrate

    migrate.upgrade(db_url)
    return db_url


@pytest.fixture
def session(migrated_url: str) -> Iterator:
    from sqlalchemy.orm import Session

    from cmg_core.db.session import make_engine

    engine = make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()
