"""The list of the corrections made: cell, before, after and why, one line each."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.corrections import Correction
from cmg_core.guide import counted, format_value

WRAPPED_ROWS_MAX = 200  # beyond, a scrolling grid is easier to read than a long table


def show(corrections: list[Correction], key: str) -> None:
    title = counted(len(corrections), "correction faite", "corrections faites")
    st.subheader(title.capitalize())
    table = pd.DataFrame(
        [(c.cell, _shown(c.before), _shown(c.after), c.reason_fr) for c in corrections],
        columns=["Cellule", "Avant", "Après", "Pourquoi"],
    )
    if len(table) <= WRAPPED_ROWS_MAX:
        st.table(table.set_index("Cellule"))  # wraps long reasons, also on a phone
    else:
        st.dataframe(table, hide_index=True, key=key)


def _shown(value: object) -> str:
    """A value of the table; a text with spaces around it is quoted to show them."""
    text = format_value(value)
    return f"“{text}”" if isinstance(value, str) and value != value.strip() else text
