"""Dépôts: which structure filed for which month (partners × months), export, one deposit."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from cmg_core.db.enums import capitalised
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from cmg_core.documents.formats import paris_time
from cmg_core.guide import counted
from cmg_core.partners.deadline import late_rule
from cmg_core.staff import dashboards, deposits
from cmg_core.staff.deposits import CELL_LABELS, Cell
from cmg_core.staff.roles import Area
from cmg_core.templates import TemplateCode
from pages.staff import access
from pages.staff.widgets import csv_export, deposit_detail

COLOURS = {
    Cell.FILED: "#B8FEC9",
    Cell.CORRECTED: "#E3E3FD",
    Cell.TO_CORRECT: "#FFE9E6",
    Cell.MISSING: "#F6F6F6",
    Cell.LATE: "#FFBDBD",
}
ALL_KINDS = "Toutes"

who = access.require(Area.DEPOSITS)
st.title("Dépôts")
st.caption(late_rule())

filters = st.columns([2, 2, 3, 2])
kind_choice = filters[0].selectbox(
    "Type de structure",
    [ALL_KINDS, *TemplateCode],
    format_func=lambda k: k if k == ALL_KINDS else capitalised(k),
    key="deposits_kind",
)
span = filters[1].selectbox(
    "Période", [3, 6, 12], format_func=lambda n: f"{n} derniers mois", key="deposits_span"
)
search = filters[2].text_input("Structure ou SIRET", key="deposits_search")
states = filters[3].multiselect(
    "États", list(Cell), format_func=CELL_LABELS.get, key="deposits_states", placeholder="Tous"
)

months = dashboards.recent_months(span)
today = paris_time(utcnow()).date()
with session_scope() as session:
    rows = deposits.matrix(
        session, months, today, None if kind_choice == ALL_KINDS else kind_choice, search
    )
if states:
    rows = [r for r in rows if any(c in states for c in r.cells.values())]

columns = [m.label() for m in months]
frame = pd.DataFrame(
    [
        {"Structure": r.name, "SIRET": r.siret, "Type": r.kind.value}
        | {m.label(): CELL_LABELS[r.cells[m]] for m in months}
        for r in rows
    ],
    columns=["Structure", "SIRET", "Type", *columns],
)
by_label = {text: cell for cell, text in CELL_LABELS.items()}
st.dataframe(
    frame.style.map(lambda v: f"background-color: {COLOURS[by_label[v]]}", subset=columns),
    hide_index=True,
    width="stretch",
)
st.caption(
    "États : "
    + " · ".join(CELL_LABELS.values())
    + f" — {counted(len(rows), 'structure', 'structures')}"
)


csv_export.show(
    frame,
    file_name=f"depots-{months[0].iso}-{months[-1].iso}.csv",
    action="export.deposits",
    who=who,
    key="deposits_export",
    months=[m.iso for m in months],
)

st.header("Détail d'un dépôt")
# Options are deposit ids, so the name shown is always the deposit opened below; the key
# follows the filters, so changing one starts the choice afresh.
names = {
    r.deposit_ids[m]: f"{r.name} · {m.label()} · SIRET {r.siret}"
    for r in rows
    for m in reversed(months)
    if m in r.deposit_ids
}
if not names:
    st.caption("Aucun dépôt pour ces filtres.")
    st.stop()
filters_key = "|".join(map(str, (kind_choice, span, search.strip().lower(), sorted(states))))
chosen = st.selectbox(
    "Dépôt",
    list(names),
    format_func=names.get,
    key=f"deposits_detail_{hashlib.sha256(filters_key.encode()).hexdigest()[:12]}",
)
with session_scope() as session:
    detail = deposits.detail(session, chosen)
    if detail is not None:
        deposit_detail.show(detail)
