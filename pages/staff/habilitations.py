"""Habilitations: partners, their habilitations manager, authorised e-mails and history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import HabilitationOperation, capitalised, label
from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_datetime
from cmg_core.staff import habilitations
from cmg_core.staff.roles import Area
from cmg_core.templates import TemplateCode
from pages.staff import access

access.require(Area.HABILITATIONS)
st.title("Habilitations")
st.write(
    "Les structures sous convention, leur gestionnaire des habilitations et les personnes "
    "autorisées à déposer pour elles."
)

left, right = st.columns([3, 2])
text = left.text_input("Structure, SIRET ou adresse du gestionnaire", key="habilitations_search")
kind = right.selectbox(
    "Type",
    [None, *TemplateCode],
    format_func=lambda k: "Tous" if k is None else capitalised(k),
    key="habilitations_kind",
)

with session_scope() as session:
    partners = habilitations.partners(session, text, kind)
    counts = habilitations.active_counts(session)
    if not partners:
        st.info("Aucune structure ne correspond.")
        st.stop()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Structure": p.name,
                    "SIRET": p.siret,
                    "Type": label(TemplateCode(p.kind)),
                    "Commune": p.commune,
                    "Convention": p.convention_ref,
                    "Gestionnaire des habilitations": p.manager_email,
                    "Personnes habilitées": counts.get(p.id, 0),
                    "Active": "oui" if p.active else "non",
                }
                for p in partners
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    by_id = {p.id: p for p in partners}
    chosen = st.selectbox(
        "Structure", list(by_id), format_func=lambda i: by_id[i].name, key="habilitations_partner"
    )
    people = habilitations.habilitations_of(session, chosen)
    history = habilitations.history_of(session, chosen)

st.subheader("Personnes habilitées")
if people:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Adresse électronique": h.email,
                    "Civilité": h.civilite,
                    "Prénom": h.first_name,
                    "Nom": h.last_name,
                    "État": "habilitée" if h.active else "retirée",
                }
                for h in people
            ]
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("Personne n'est encore habilité pour cette structure.")

st.subheader("Historique")
if history:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Date": format_datetime(event.at),
                    "Opération": label(HabilitationOperation(event.operation)),
                    "Personne": email,
                    "Demandée par": event.actor_email,
                    "Dossier DS": number or "",
                }
                for event, email, number in history
            ]
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("Aucun changement enregistré.")
