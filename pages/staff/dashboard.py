"""Tableau de bord: the declared month at a glance and the trends over the last months."""

from __future__ import annotations

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_count
from cmg_core.guide import counted
from cmg_core.staff import dashboards
from cmg_core.staff.roles import Area
from pages.staff import access
from pages.staff.widgets import month_chart, month_choice

access.require(Area.DASHBOARD)
st.title("Tableau de bord")

months = dashboards.recent_months(12)
month = month_choice.show(months, key="dashboard_month")
with session_scope() as session:
    summary = dashboards.month_summary(session, month)
    deposits = dashboards.deposits_by_month(session, months)
    lines = dashboards.lines_by_month(session, months)
    outcomes = dashboards.outcomes_by_month(session, months)
    reasons = dashboards.queue_reasons_by_month(session, months)

share = summary.first_try_share
cards = st.columns(4)
cards[0].metric(
    "Structures ayant déposé",
    f"{summary.deposits} / {summary.partners}",
    help="Structures actives ayant un dépôt en vigueur pour le mois choisi.",
    border=True,
)
cards[1].metric("Lignes déclarées", format_count(summary.lines), border=True)
cards[2].metric(
    "Valides du premier coup",
    "—" if share is None else f"{share:.0%}".replace("%", " %"),
    help="Part des premiers fichiers du mois sans erreur bloquante.",
    border=True,
)
cards[3].metric(
    "File manuelle",
    counted(summary.queue_open, "dossier", "dossiers"),
    help="Dossiers non résolus, tous mois confondus.",
    border=True,
)
if summary.queue_open:
    st.caption(
        f"Dans la file manuelle, le plus ancien dossier attend depuis "
        f"{counted(summary.queue_oldest_days, 'jour', 'jours')} ; l'attente médiane est de "
        f"{counted(round(summary.queue_median_days), 'jour', 'jours')}."
    )

st.header("Sur les douze derniers mois")
left, right = st.columns(2)
with left:
    month_chart.show(deposits, "Fichiers reçus", "Fichiers")
    month_chart.show(outcomes, "Devenir des lignes", "Lignes")
with right:
    month_chart.show(lines, "Lignes déclarées", "Lignes", lines=True)
    month_chart.show(reasons, "Motifs de traitement manuel", "Dossiers")
