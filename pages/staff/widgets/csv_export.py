"""The "Exporter en CSV" button of staff tables: a formula-safe CSV, and its journal entry."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.staff import audit
from cmg_core.staff.exports import csv_bytes


def show(
    frame: pd.DataFrame, *, file_name: str, action: str, who, key: str, **details: object
) -> None:
    """A download button for `frame`; each download is recorded as `action` in the journal."""

    def record() -> None:
        with session_scope() as session:
            actor = audit.Actor(who.user_id, who.email)
            audit.record(session, actor, action, rows=len(frame), **details)

    st.download_button(
        "Exporter en CSV",
        csv_bytes(frame.columns, frame.itertuples(index=False)),
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        on_click=record,
        key=key,
    )
