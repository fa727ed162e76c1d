"""What the portal does once when it starts, before serving anyone."""

from __future__ import annotations

import logging

import sqlalchemy as sa
import streamlit as st

from cmg_core import settings
from cmg_core.db.session import session_scope
from cmg_core.staff import accounts

log = logging.getLogger(__name__)


def prepare() -> None:
    """Adopt `.streamlit/secrets.toml` settings; outside demo mode, disable demo accounts."""
    if st.secrets.load_if_toml_exists():
        settings.adopt(dict(st.secrets))
    if settings.get_bool("CMG_DEMO"):
        return
    try:
        with session_scope() as session:
            disabled = accounts.disable_demo_accounts(session)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        log.warning("database not migrated yet: demo accounts not checked at start")
        return
    if disabled:
        log.info("outside demo mode: %d demo account(s) disabled", disabled)
