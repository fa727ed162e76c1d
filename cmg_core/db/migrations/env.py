"""Alembic environment: the models' metadata, the URL given by `cmg_core.db.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.types import TypeDecorator

import cmg_core.db.models  # noqa: F401  (registers every table)
from cmg_core.db.base import Base
from cmg_core.db.session import make_engine

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: object, autogen_context) -> str | bool:
    """Scripts name the plain column types, so they never depend on the app's Python types."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def run_migrations_online() -> None:
    engine = make_engine(config.attributes["database_url"])
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
                render_item=render_item,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported: give a database URL")
run_migrations_online()
