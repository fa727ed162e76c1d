"""The filters of the File manuelle: reason, partner, month, minimum age, whose cases."""

from __future__ import annotations

import streamlit as st

from cmg_core.db.enums import QueueReason, capitalised
from cmg_core.staff.cases import CaseFilter
from cmg_core.values import Month

MINE, ALL = "Mes dossiers", "Tous les dossiers à traiter"


def show(
    partners: list[tuple[int, str]], months: list[Month], me: int, key: str = "case_filters"
) -> CaseFilter:
    with st.expander("Filtres", expanded=True, icon=":material/filter_list:"):
        top = st.columns([2, 3, 2])
        scope = top[0].radio("Afficher", [ALL, MINE], key=f"{key}_scope", horizontal=False)
        reasons = top[1].multiselect(
            "Motifs",
            list(QueueReason),
            format_func=lambda r: capitalised(r),
            key=f"{key}_reasons",
            placeholder="Tous les motifs",
        )
        chosen_months = top[2].multiselect(
            "Mois déclarés",
            months,
            format_func=lambda m: m.label(),
            key=f"{key}_months",
            placeholder="Tous les mois",
        )
        bottom = st.columns([3, 2])
        names = dict(partners)
        partner_ids = bottom[0].multiselect(
            "Structures",
            list(names),
            format_func=names.get,
            key=f"{key}_partners",
            placeholder="Toutes les structures",
        )
        min_age = bottom[1].number_input(
            "En attente depuis au moins (jours)",
            min_value=0,
            max_value=365,
            value=0,
            step=1,
            key=f"{key}_age",
        )
    return CaseFilter(
        reasons=tuple(reasons),
        partner_ids=tuple(partner_ids),
        months=tuple(chosen_months),
        min_age_days=int(min_age),
        assignee_id=me if scope == MINE else None,
    )
