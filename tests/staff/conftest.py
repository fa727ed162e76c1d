"""Staff service fixtures: the data layer's `session` on SQLite and on PostgreSQL."""

from tests.db.conftest import db_url, migrated_url, session  # noqa: F401  (fixtures)
