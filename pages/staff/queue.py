"""File manuelle (GCA): the cases the automata could not apply, to take, assign and resolve."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import label
from cmg_core.db.session import session_scope
from cmg_core.guide import counted
from cmg_core.staff import cases, queue
from cmg_core.staff.cases import AGEING_LABELS, Ageing
from cmg_core.staff.roles import Area
from pages.staff import access
from pages.staff.widgets import case_filters, case_panel
from pages.widgets.markdown import escape

COLOURS = {Ageing.FRESH: "#B8FEC9", Ageing.WATCH: "#FFE9E6", Ageing.LATE: "#FFBDBD"}

who = access.require(Area.QUEUE)
st.title("File manuelle")
st.write(
    "Les attestations que l'automate n'a pas pu traiter. Prenez un dossier en charge, "
    "consultez l'attestation, puis résolvez-le avec une décision (et un commentaire pour un "
    "refus)."
)
with session_scope() as session:
    where = case_filters.show(
        cases.queue_partners(session), cases.queue_months(session), who.user_id, key="queue"
    )
    found = cases.cases(session, where)
    assignees = [(u.id, u.email) for u in queue.assignable_users(session)]

st.caption(
    "Ancienneté : "
    + " · ".join(
        f"{escape(label_text)} ({escape(name)})"
        for name, label_text in (
            ("vert", AGEING_LABELS[Ageing.FRESH]),
            ("orange", AGEING_LABELS[Ageing.WATCH]),
            ("rouge", AGEING_LABELS[Ageing.LATE]),
        )
    )
)
if not found:
    case_panel.flash()  # the last case just resolved: say so, even with nothing left to show
    st.success("Aucun dossier à traiter avec ces filtres.", icon=":material/done_all:")
    st.stop()

table = pd.DataFrame(
    [
        {
            "N°": c.id,
            "Attente (jours)": c.age_days,
            "Ancienneté": AGEING_LABELS[c.ageing],
            "Motif": label(c.reason),
            "Structure": c.partner_name,
            "Mois": c.month.label(),
            "Allocataire": c.allocataire_number,
            "Statut": label(c.status),
            "Pris en charge par": c.assignee_email,
        }
        for c in found
    ]
)
ages = {c.id: c.ageing for c in found}
styled = table.style.apply(
    lambda row: [
        f"background-color: {COLOURS[ages[row['N°']]]}" if col == "Attente (jours)" else ""
        for col in row.index
    ],
    axis=1,
)
st.dataframe(styled, hide_index=True, width="stretch")
st.caption(f"{counted(len(found), 'dossier', 'dossiers')}, du plus ancien au plus récent.")

by_id = {c.id: c for c in found}
chosen = st.selectbox(
    "Dossier à ouvrir",
    list(by_id),
    format_func=lambda i: (
        f"N° {i} · {by_id[i].partner_name} · {by_id[i].month.label()} · {label(by_id[i].reason)}"
    ),
    key="queue_case",
)
st.divider()
case_panel.show(by_id[chosen], who, assignees, key="queue_case_panel")
