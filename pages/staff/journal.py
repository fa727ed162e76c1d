"""Journal: every staff action — who, what, when, on what — filtered and exportable."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pandas as pd
import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from cmg_core.documents.formats import PARIS, format_datetime, paris_time
from cmg_core.staff import audit
from cmg_core.staff.roles import Area
from pages.staff import access
from pages.staff.widgets import csv_export

TARGETS = {"staff_user": "compte", "queue_item": "dossier de la file", "bilan": "bilan"}

who = access.require(Area.JOURNAL)
st.title("Journal")
st.write(
    "Toutes les actions du personnel : connexions, échecs, dossiers traités, "
    "exécutions lancées, exports et téléchargements."
)

today = paris_time(utcnow()).date()
with session_scope() as session:
    known = audit.known_actions(session)
cols = st.columns([3, 2, 2])
actions = cols[0].multiselect(
    "Actions",
    known,
    format_func=audit.action_label,
    key="journal_actions",
    placeholder="Toutes les actions",
)
actor = cols[1].text_input("Adresse de l'auteur (ou une partie)", key="journal_actor")
period = cols[2].date_input(
    "Période", (today - timedelta(days=30), today), format="DD/MM/YYYY", key="journal_period"
)
since = until = None
if isinstance(period, tuple) and len(period) == 2:
    since = datetime.combine(period[0], time.min, PARIS)
    until = datetime.combine(period[1] + timedelta(days=1), time.min, PARIS)

with session_scope() as session:
    entries = audit.entries(
        session, audit.JournalFilter(tuple(actions), actor, since, until, limit=1000)
    )
rows = [
    {
        "Date": format_datetime(e.at),
        "Auteur": e.actor_email,
        "Action": audit.action_label(e.action),
        "Sur": f"{TARGETS.get(e.target_type, e.target_type)} n° {e.target_id}"
        if e.target_type
        else "",
        "Détails": audit.details_text(e.details),
    }
    for e in entries
]
frame = pd.DataFrame(rows, columns=["Date", "Auteur", "Action", "Sur", "Détails"])
st.dataframe(frame, hide_index=True, width="stretch")
st.caption(f"{len(rows)} action(s), les plus récentes d'abord (1 000 au plus).")


csv_export.show(
    frame,
    file_name=f"journal-{today.isoformat()}.csv",
    action="export.journal",
    who=who,
    key="journal_export",
)
