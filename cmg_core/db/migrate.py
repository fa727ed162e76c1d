"""Alembic, configured in code (no alembic.ini): upgrade, current revision, new revisions.

Scripts live in `cmg_core/db/migrations/versions/`. `upgrade(url)` creates or migrates the
database at `url` (default `DATABASE_URL`).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from cmg_core.db.session import database_url, make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    # Kept out of the ini parser: a URL may hold '%' characters.
    config.attributes["database_url"] = database_url(url)
    return config


def upgrade(url: str | None = None, revision: str = "head") -> str | None:
    """Create or migrate the database at `url`; returns the revision it is now at."""
    command.upgrade(alembic_config(url), revision)
    return current(url)


def current(url: str | None = None) -> str | None:
    """The revision the database is at (None for an empty database)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return revision_of(connection)
    finally:
        engine.dispose()


def revision_of(connection: Connection) -> str | None:
    """The revision of the database behind an open connection."""
    return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    """The newest revision among the scripts."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def revision(message: str, url: str | None = None) -> None:
    """Autogenerate a new revision script from the models (for developers)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
