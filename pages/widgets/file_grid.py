"""The partner's file as a grid, faulty cells coloured; faulty rows only unless asked."""

from __future__ import annotations

import streamlit as st

from cmg_core.guide import counted, number
from pages.widgets.checked_file import CheckedFile
from pages.widgets.report_views import file_grid

STYLED_ROWS_MAX = 2_000  # colouring more cells than this slows the page down for little use


def show(checked: CheckedFile, key: str) -> None:
    rows = checked.rows
    if rows is None:
        st.write("Le contenu de ce fichier ne peut pas être affiché.")
        return
    faulty = any(f.row is not None for f in checked.report.findings)
    all_rows = st.toggle(
        "Afficher toutes les lignes du fichier",
        value=not faulty,
        key=f"{key}_all_rows",
        help="Quand des lignes ont un problème, seules celles-ci sont affichées d'abord.",
    )
    grid = file_grid(rows, checked.report.findings, all_rows=all_rows)
    if grid.frame.empty:
        st.write("Aucune ligne à afficher.")
        return
    shown = counted(len(grid.frame), "ligne affichée", "lignes affichées")
    shown += f" sur {number(grid.total_rows)}."
    if len(grid.frame) <= STYLED_ROWS_MAX:
        colours = grid.colours
        data = grid.frame.style.apply(lambda _: colours, axis=None)
        st.caption(f"{shown} Rouge : erreur. Orange : avertissement.")
    else:
        data = grid.frame
        st.caption(f"{shown} Trop de lignes pour colorer les cellules : filtrez les lignes.")
    help_texts = {
        title: st.column_config.TextColumn(help=header or None)
        for title, header in grid.headers.items()
    }
    st.dataframe(
        data,
        key=f"{key}_table",
        height=min(400, 40 + 35 * len(grid.frame)),
        column_config=help_texts,
    )
