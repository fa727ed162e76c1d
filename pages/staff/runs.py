"""Automate: run one stage or all of them now, the last runs, DS sync state per démarche, and
the last readiness check against DS (`ds check`), run again on demand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.backoffice.texts import counters_text
from cmg_core.db.enums import RunStatus, label
from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_datetime
from cmg_core.staff import audit, runs
from cmg_core.staff.roles import Area
from pages.staff import access
from pages.widgets.markdown import escape

ALL = "all"

who = access.require(Area.RUNS)
st.title("Automate")
st.write(
    "Le back office tourne seul à intervalles réguliers. Vous pouvez aussi lancer une étape, "
    "ou toutes, tout de suite : chaque étape reprend là où elle s'était arrêtée."
)

with st.container(border=True):
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    stage = left.selectbox(
        "Étape",
        [ALL, *runs.STAGES],
        format_func=lambda s: (
            "Toutes les étapes, dans l'ordre" if s == ALL else runs.stage_label(s)
        ),
        key="runs_stage",
    )
    start = right.button(
        "Lancer maintenant", type="primary", icon=":material/play_arrow:", key="runs_start"
    )
    if start:
        chosen = list(runs.STAGES) if stage == ALL else [stage]
        with session_scope() as session:
            audit.record(session, audit.Actor(who.user_id, who.email), "run.start", stages=chosen)
        bar = st.progress(0.0, text="Démarrage…")

        def progress(name: str, done: int, total: int) -> None:
            bar.progress(
                min(done / total, 1.0) if total else 1.0,
                text=f"{runs.stage_label(name)} : {done} / {total}",
            )

        try:
            runs.start(chosen, progress)
        except Exception as error:  # shown to the admin; the run row holds the details
            st.error(f"L'exécution s'est arrêtée : {escape(error)}")
        else:
            bar.progress(1.0, text="Terminé.")
            st.success("Exécution terminée.")

with session_scope() as session:
    latest = runs.latest_by_stage(session)
    recent = runs.last_runs(session, limit=50)
    states = runs.sync_states(session)

st.header("Dernière exécution de chaque étape")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Étape": label_text,
                "Dernier lancement": format_datetime(latest[s].started_at)
                if s in latest
                else "jamais",
                "Résultat": label(RunStatus(latest[s].status)) if s in latest else "—",
                "Échecs": latest[s].failures if s in latest else 0,
            }
            for s, label_text in runs.STAGES.items()
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.header("Synchronisation avec démarches-simplifiées")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Démarche": f"{s.name} (n° {s.number})",
                "Dernière synchronisation": format_datetime(s.last_run_at)
                if s.last_run_at
                else "jamais",
                "Dernière réussite": format_datetime(s.last_success_at)
                if s.last_success_at
                else "jamais",
                "Dossiers": s.dossiers,
                "À traiter": s.pending,
                "En échec": s.failed,
            }
            for s in states
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.header("Connexion à démarches-simplifiées")
left, right = st.columns([3, 1], vertical_alignment="bottom")
left.write(
    "La vérification interroge DS : jeton, instructeur, démarches publiées et champs attendus "
    "(la même que `python -m cmg_core ds check`)."
)
if right.button("Vérifier maintenant", icon=":material/fact_check:", key="ds_check_start"):
    with st.spinner("Vérification auprès de DS…"):
        runs.check_ds()
with session_scope() as session:
    check = runs.last_ds_check(session)
if check is None:
    st.caption("Aucune vérification enregistrée pour l'instant.")
else:
    getattr(st, check.level)(check.headline)
    st.caption(f"Vérifiée le {format_datetime(check.checked_at)} — {escape(check.ds_url)}")
    for problem in check.problems:
        st.markdown(f"- :red[Problème :] {escape(problem)}")
    for warning in check.warnings:
        st.markdown(f"- :orange[Attention :] {escape(warning)}")
    with st.expander("Détail de la vérification"):
        st.markdown("\n".join(f"- {escape(line.strip())}" for line in check.details))

st.header("Dernières exécutions")
if not recent:
    st.caption("Aucune exécution enregistrée pour l'instant.")
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Début": format_datetime(r.started_at),
                    "Étape": runs.stage_label(r.stage),
                    "Résultat": label(RunStatus(r.status)),
                    "Durée (s)": round((r.finished_at - r.started_at).total_seconds())
                    if r.finished_at
                    else None,
                    "Comptes": counters_text(r.counts or {}) or "rien à faire",
                    "Échecs": r.failures,
                    "Erreur": r.error or "",
                }
                for r in recent
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={"Comptes": st.column_config.TextColumn(width="large")},
    )
