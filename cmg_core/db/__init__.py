"""The database: models (`cmg_core.db.models`), sessions (`cmg_core.db.session`) and
migrations (`cmg_core.db.migrate`, scripts under `migrations/`)."""

import logging

from cmg_core.db.base import Base
from cmg_core.db.session import get_engine, make_engine, session_factory, session_scope

# Alembic narrates every step at INFO, some on import; our commands say what matters themselves.
logging.getLogger("alembic").setLevel(logging.WARNING)

__all__ = ["Base", "get_engine", "make_engine", "session_factory", "session_scope"]
