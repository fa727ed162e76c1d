"""The verdict banner of a pre-check: ready to deposit, or to correct, with the counts."""

from __future__ import annotations

import streamlit as st

from cmg_core.guide import count_text, number, template_label
from cmg_core.precheck.report import Report, Severity
from cmg_core.values import Month
from pages.widgets.markdown import escape


def show(report: Report) -> None:
    counts = {s: report.counts[s.value] for s in Severity}
    errors = count_text(counts[Severity.ERROR], Severity.ERROR)
    warnings = count_text(counts[Severity.WARNING], Severity.WARNING)
    if report.valid:
        text = (
            f"**Prêt à déposer.** Votre fichier ne contient aucune erreur bloquante ({warnings})."
        )
        if counts[Severity.WARNING]:
            text += " Lisez les avertissements ci-dessous : ils ne bloquent pas le dépôt."
        st.success(text, icon=":material/check_circle:")
    else:
        st.error(
            f"**À corriger avant le dépôt.** Nous avons trouvé {errors} et {warnings}. "
            "Les erreurs empêchent le dépôt : corrigez-les, puis contrôlez à nouveau votre "
            "fichier.",
            icon=":material/error:",
        )
    st.markdown(
        f"Modèle : **{escape(template_label(report.template))}** · Mois déclaré : "
        f"**{_month_label(report.month)}** · Lignes lues : **{number(report.rows)}** · "
        f"Fichier : {escape(report.file)}"
    )


def _month_label(month: str | None) -> str:
    if not month:
        return "non lu"
    try:
        return Month.parse(month).label()
    except ValueError:
        return month
