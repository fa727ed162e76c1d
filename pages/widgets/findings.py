"""The findings of a report, grouped by row, with filters (errors only, kind of problem)."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from cmg_core.guide import finding_kind, number
from cmg_core.precheck.report import Finding, Report, Severity
from pages.widgets.markdown import escape
from pages.widgets.report_views import group_by_row, select

FILTERS_FROM = 5  # a few findings are read at a glance; filters would only clutter them
ROWS_SHOWN = 100  # beyond, the partner is sent to the annotated workbook or the report
BADGES = {
    Severity.ERROR: ":red-badge[Erreur]",
    Severity.WARNING: ":orange-badge[Avertissement]",
    Severity.INFO: ":blue-badge[Information]",
}


def show(report: Report, key: str) -> None:
    if not report.findings:
        st.write("Aucun problème trouvé.")
        return
    errors_only, chosen = (
        _filters(report, key) if len(report.findings) > FILTERS_FROM else (False, [])
    )
    groups = group_by_row(select(report.findings, errors_only=errors_only, kinds=chosen))
    if not groups:
        st.write("Aucun problème ne correspond à ces filtres.")
        return
    for group in groups[:ROWS_SHOWN]:
        with st.container(border=True):
            title = "Ensemble du fichier" if group.row is None else f"Ligne {group.row}"
            st.markdown(f"**{title}**")
            for finding in group.findings:
                st.markdown(_line(finding))
    if len(groups) > ROWS_SHOWN:
        st.info(
            f"{number(len(groups) - ROWS_SHOWN)} autres lignes ont un problème. Téléchargez votre "
            "fichier annoté ou le rapport pour les voir toutes."
        )


def _filters(report: Report, key: str) -> tuple[bool, list[str]]:
    left, right = st.columns([1, 2])
    errors_only = left.toggle(
        "Seulement les erreurs", key=f"{key}_errors_only", help="Masque les avertissements."
    )
    kinds = Counter(finding_kind(f) for f in report.findings)
    chosen = right.multiselect(
        "Types de problème",
        sorted(kinds),
        format_func=lambda kind: f"{kind} ({kinds[kind]})",
        key=f"{key}_kinds",
        placeholder="Tous les types",
    )
    return errors_only, chosen


def _line(finding: Finding) -> str:
    where = _column_text(finding)
    text = f"{BADGES[finding.severity]} "
    if where:
        text += f"**{escape(where)}** : "
    text += escape(finding.message)
    if finding.hint:
        text += f"  \n:material/lightbulb: {escape(finding.hint)}"
    return text


def _column_text(finding: Finding) -> str:
    """`Colonne B`: the message itself names the field in the partner's words."""
    return "" if finding.column is None else f"Colonne {finding.column}"
