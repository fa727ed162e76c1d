"""The database: models (`cmg_core.db.models`), sessions (`cmg_core.db.session`) and
migrations (`cmg_core.db.migrate`, scripts under `migrations/`)."""

from cmg_core.db.base import Base
from cmg_core.db.session import get_engine, make_engine, session_factory, session_scope

__all__ = ["Base", "get_engine", "make_engine", "session_factory", "session_scope"]
