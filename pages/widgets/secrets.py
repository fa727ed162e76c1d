"""Settings given in `.streamlit/secrets.toml` (same names as the environment variables)."""

from __future__ import annotations

import streamlit as st

from cmg_core import settings


def adopt_settings() -> None:
    """Before anything reads a setting: secrets fill what the environment leaves unset."""
    if st.secrets.load_if_toml_exists():
        settings.adopt(dict(st.secrets))
