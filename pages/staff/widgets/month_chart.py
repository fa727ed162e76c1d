"""A chart over declared months, French month names in calendar order and its full legend,
followed by the same figures as a table (the chart's text alternative)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from cmg_core.db.types import month_from_text

SERIES = "Série"
MONTH = "Mois déclaré"


def show(frame: pd.DataFrame, title: str, unit: str, *, lines: bool = False) -> None:
    """`frame`: one row per month (index `AAAA-MM`), one column per series; `unit` names the
    counted things (« Fichiers »)."""
    labels = [month_from_text(iso).label() for iso in frame.index]
    table = frame.copy()
    table.index = pd.Index(labels, name=MONTH)
    long = table.reset_index().melt(id_vars=MONTH, var_name=SERIES, value_name=unit)
    chart = alt.Chart(
        long, description=f"{title}, par mois déclaré. Les chiffres sont dans le tableau qui suit."
    )
    mark = chart.mark_line(point=True, aria=False) if lines else chart.mark_bar(aria=False)
    st.subheader(title, anchor=False)
    st.altair_chart(
        mark.encode(
            x=alt.X(f"{MONTH}:N", sort=labels, axis=alt.Axis(labelAngle=-45, labelLimit=0)),
            y=alt.Y(f"{unit}:Q", stack=None if lines else "zero"),
            color=alt.Color(
                f"{SERIES}:N",
                sort=list(frame.columns),
                legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=0),
            ),
            tooltip=[MONTH, SERIES, alt.Tooltip(f"{unit}:Q", format=",d")],
        ).properties(height=240 + 20 * len(frame.columns)),  # room for the legend below
        width="stretch",
    )
    with st.expander(f"{title} : le tableau des chiffres"):
        st.dataframe(table, width="stretch")
