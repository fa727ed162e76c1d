"""A select box of declared months, newest first, shown as « mars 2026 »."""

from __future__ import annotations

import streamlit as st

from cmg_core.values import Month


def show(months: list[Month], label: str = "Mois déclaré", key: str = "month") -> Month:
    ordered = sorted(months, reverse=True)
    return st.selectbox(label, ordered, format_func=lambda m: m.label(), key=key)
