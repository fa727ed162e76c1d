"""One deposit in detail: DS dossier state and message, findings, lines and their outcomes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import DepositStatus, LineOutcome, QueueReason, capitalised, label
from cmg_core.documents.formats import format_datetime
from cmg_core.staff import deposits
from cmg_core.staff.deposits import DepositDetail
from pages.widgets.markdown import escape

SEVERITIES = {"error": "erreur", "warning": "avertissement", "info": "information"}


def _reason(reason: str | None) -> str:
    if reason in set(QueueReason):
        return label(QueueReason(reason))
    return reason or ""


def show(detail: DepositDetail) -> None:
    deposit, dossier = detail.deposit, detail.dossier
    name = detail.partner.name if detail.partner else "Structure inconnue"
    month = deposit.month.label() if deposit.month else "mois illisible"
    st.subheader(f"{escape(name)} · {escape(month)}", anchor=False)
    cols = st.columns(4)
    cols[0].metric("Statut", capitalised(DepositStatus(deposit.status)))
    cols[1].metric("Fichier n°", deposit.attempt)
    cols[2].metric("Lignes", deposit.row_count)
    cols[3].metric("Erreurs / avertissements", f"{deposit.error_count} / {deposit.warning_count}")
    st.markdown(
        f"**Fichier :** {escape(deposit.file_name or '—')}"
        + (f" · déposé le {format_datetime(deposit.deposited_at)}" if deposit.deposited_at else "")
        + f"  \n**Dossier DS n° {escape(dossier.number)}** · "
        + f"état DS : {escape(deposits.ds_word(dossier.state))}"
        + (
            f" · décision : {escape(deposits.ds_word(dossier.decision))}"
            if dossier.decision
            else ""
        )
    )
    st.link_button(
        "Ouvrir le dossier sur démarches-simplifiées", detail.ds_url, icon=":material/open_in_new:"
    )
    if dossier.motivation:
        st.info(
            f"Message envoyé à la structure : {escape(dossier.motivation)}", icon=":material/mail:"
        )
    if len(detail.history) > 1:
        st.caption(
            "Fichiers successifs pour ce mois : "
            + " → ".join(
                f"n° {escape(d.attempt)} ({label(DepositStatus(d.status))})" for d in detail.history
            )
        )
    if deposit.findings:
        st.markdown("**Constats du contrôle**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Gravité": SEVERITIES.get(f.get("severity", ""), f.get("severity", "")),
                        "Ligne": f.get("row"),
                        "Colonne": f.get("column") or "",
                        "Code": f.get("code", ""),
                        "Message": f.get("message", ""),
                    }
                    for f in deposit.findings
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if detail.lines:
        st.markdown("**Lignes et leur devenir**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Ligne": line.row,
                        "Allocataire": line.allocataire_number,
                        "Enfant": " ".join(
                            p for p in (line.child_first_name, line.child_last_name) if p
                        ),
                        "Heures": line.total_hours,
                        "Dépense (€)": f"{line.amount:.2f}".replace(".", ","),
                        "Devenir": label(LineOutcome(line.outcome)),
                        "Motif": _reason(line.reason),
                    }
                    for line in detail.lines
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    elif not deposit.findings:
        st.caption("Aucune ligne lue pour ce dépôt.")
