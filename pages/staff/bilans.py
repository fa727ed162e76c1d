"""Bilans: find a bilan de traitement by structure and month, read its counts, download it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_datetime
from cmg_core.staff import audit, bilans
from cmg_core.staff.roles import Area
from cmg_core.storage import NotStoredError, default_storage
from pages.staff import access
from pages.widgets.markdown import escape

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL_MONTHS = None

who = access.require(Area.BILANS)
st.title("Bilans")
st.write("Les bilans de traitement envoyés aux structures, un par dépôt.")

with session_scope() as session:
    months = bilans.bilan_months(session)
    left, right = st.columns([3, 2])
    text = left.text_input("Structure ou SIRET", key="bilans_search")
    month = right.selectbox(
        "Mois déclaré",
        [ALL_MONTHS, *months],
        format_func=lambda m: "Tous les mois" if m is None else m.label(),
        key="bilans_month",
    )
    found = bilans.search(session, text, month)

if not found:
    st.info("Aucun bilan ne correspond à ces critères.")
    st.stop()

st.dataframe(
    pd.DataFrame(
        [
            {
                "Structure": b.partner_name,
                "SIRET": b.siret,
                "Mois": b.month.label() if b.month else "—",
                "Dossier DS": b.dossier_number,
                "Créé le": format_datetime(b.created_at),
                "Envoyé sur DS": format_datetime(b.sent_to_ds_at)
                if b.sent_to_ds_at
                else "pas encore",
            }
            for b in found
        ]
    ),
    hide_index=True,
    width="stretch",
)
by_id = {b.id: b for b in found}
chosen = by_id[
    st.selectbox(
        "Bilan",
        list(by_id),
        format_func=lambda i: (
            f"{by_id[i].partner_name} · {by_id[i].month.label() if by_id[i].month else '—'}"
        ),
        key="bilans_choice",
    )
]
if chosen.counts:
    st.markdown(f"**Résultat :** {escape(bilans.counts_text(chosen.counts))}")


def _journal(kind: str) -> None:
    with session_scope() as session:
        audit.record(
            session,
            audit.Actor(who.user_id, who.email),
            "bilan.download",
            "bilan",
            chosen.id,
            format=kind,
        )


buttons = st.columns(2)
for column, key, suffix, mime, title in (
    (buttons[0], chosen.pdf_key, ".pdf", "application/pdf", "Télécharger le PDF"),
    (buttons[1], chosen.xlsx_key, ".xlsx", XLSX, "Télécharger le classeur Excel"),
):
    try:
        data = default_storage().get(key) if key else None
    except NotStoredError:
        data = None
    if data is None:
        column.caption(f"{escape(title)} : fichier introuvable.")
        continue
    column.download_button(
        title,
        data,
        file_name=bilans.file_name(chosen, suffix),
        mime=mime,
        icon=":material/download:",
        key=f"bilan_{chosen.id}{suffix}",
        on_click=_journal,
        args=(suffix[1:],),
    )
