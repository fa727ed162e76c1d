"""Migrations create the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import cmg_core.db.models  # noqa: F401
from cmg_core.db import migrate
from cmg_core.db.base import Base
from cmg_core.db.enums import AttestationState
from cmg_core.db.session import make_engine


def test_upgrade_on_an_empty_database_reaches_the_newest_revision(db_url):
    assert migrate.current(db_url) is None
    assert migrate.upgrade(db_url) == migrate.head()


def test_migrations_produce_exactly_the_models_schema(migrated_url):
    engine = make_engine(migrated_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_upgrade_twice_changes_nothing(migrated_url):
    engine = make_engine(migrated_url)
    before = sorted(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert migrate.upgrade(migrated_url) == migrate.head()
    engine = make_engine(migrated_url)
    assert sorted(sa.inspect(engine).get_table_names()) == before
    engine.dispose()


def test_upgrade_creates_the_folder_of_a_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'var' / 'nested' / 'cmg.db'}"
    migrate.upgrade(url)
    assert (tmp_path / "var" / "nested" / "cmg.db").exists()


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    engine.dispose()


def test_the_attestation_state_check_lists_every_state(migrated_url):
    """Migration 0003 rebuilt the CHECK constraint with `withdrawn` (compare_metadata does not
    compare CHECK constraints, so this is checked here)."""
    engine = make_engine(migrated_url)
    checks = sa.inspect(engine).get_check_constraints("attestations")
    engine.dispose()
    (state,) = [c["sqltext"] for c in checks if c["name"] == "ck_attestations_attestation_state"]
    assert sorted(re.findall(r"'([a-z_]+)'", state)) == sorted(s.value for s in AttestationState)
