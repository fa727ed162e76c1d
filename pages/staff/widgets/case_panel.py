"""One GCA case: its facts, the attestation PDF, the actions allowed now, and its history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import QueueOutcome, QueueStatus, capitalised, label
from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_datetime
from cmg_core.guide import counted
from cmg_core.staff import queue
from cmg_core.staff.audit import Actor
from cmg_core.staff.auth import SignedIn
from cmg_core.staff.cases import CaseRow
from cmg_core.storage import default_storage
from pages.staff.widgets import pdf_view
from pages.widgets.markdown import escape

DONE = "staff.queue_done"


def _act(done: str, action, *args) -> None:
    """Run a queue action in its own transaction; `done` (or its French error) is shown next
    to the buttons after the rerun, not raised."""
    try:
        with session_scope() as session:
            action(session, *args)
    except queue.QueueError as error:
        st.session_state[DONE] = ("error", str(error))
    else:
        st.session_state[DONE] = ("success", done)


def flash() -> None:
    """The outcome of the last action, shown once after the rerun, where the actions are."""
    kind, text = st.session_state.pop(DONE, (None, None))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)


def _facts(case: CaseRow) -> None:
    st.markdown(
        f"**Motif :** {label(case.reason)}  \n"
        f"**Structure :** {escape(case.partner_name)} (SIRET {escape(case.siret)})  \n"
        f"**Mois déclaré :** {case.month.label()} · "
        f"**Allocataire :** {escape(case.allocataire_number)}  \n"
        f"**Statut :** {label(case.status)}"
        + (f" par {escape(case.assignee_email)}" if case.assignee_email else "")
        + f" · **En file depuis :** {counted(case.age_days, 'jour', 'jours')}"
    )


def _actions(case: CaseRow, who: SignedIn, assignees: list[tuple[int, str]], key: str) -> None:
    me = Actor(who.user_id, who.email)
    mine = case.status == QueueStatus.TAKEN and case.assignee_id == who.user_id
    flash()
    if case.status == QueueStatus.OPEN:
        st.button(
            "Prendre en charge",
            type="primary",
            key=f"{key}_take",
            icon=":material/pan_tool:",
            on_click=_act,
            args=(
                f"Dossier n° {case.id} pris en charge : vous pouvez le résoudre.",
                queue.take,
                case.id,
                me,
            ),
        )
        st.caption("Prenez le dossier en charge pour pouvoir le résoudre.")
    if mine:
        st.button(
            "Remettre en file",
            key=f"{key}_release",
            icon=":material/undo:",
            on_click=_act,
            args=(f"Dossier n° {case.id} remis en file.", queue.release, case.id, me),
        )
    if case.status != QueueStatus.RESOLVED and assignees:
        names = dict(assignees)
        with st.popover("Attribuer à un collègue", icon=":material/person_add:"):
            target = st.selectbox(
                "Gestionnaire", list(names), format_func=names.get, key=f"{key}_assignee"
            )
            st.button(
                "Attribuer",
                key=f"{key}_assign",
                on_click=_act,
                args=(
                    f"Dossier n° {case.id} attribué à {escape(names[target])}.",
                    queue.assign,
                    case.id,
                    target,
                    me,
                ),
            )
    if mine:
        with st.form(f"{key}_resolve"):
            st.markdown("**Résoudre le dossier**")
            outcome = st.radio(
                "Décision",
                list(QueueOutcome),
                format_func=lambda o: capitalised(o),
                key=f"{key}_outcome",
            )
            comment = st.text_area(
                "Commentaire (obligatoire pour un refus)",
                key=f"{key}_comment",
                max_chars=queue.COMMENT_MAX,
            )
            if st.form_submit_button("Résoudre", type="primary", icon=":material/task_alt:"):
                done = (
                    f"Dossier n° {case.id} (allocataire {escape(case.allocataire_number)}) "
                    f"résolu : {label(QueueOutcome(outcome))}. Le dossier suivant de la file "
                    "est affiché."
                )
                _act(done, queue.resolve, case.id, outcome, comment, me)
                st.rerun()
    elif case.status == QueueStatus.TAKEN:
        st.info(f"Ce dossier est pris en charge par {escape(case.assignee_email)}.")


def _history(case: CaseRow) -> None:
    with session_scope() as session:
        events = queue.history(session, case.id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Date": format_datetime(event.at),
                    "Action": capitalised(event.action),
                    "Par": who,
                    "Attribué à": to,
                    "Commentaire": event.comment or "",
                }
                for event, who, to in events
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def show(case: CaseRow, who: SignedIn, assignees: list[tuple[int, str]], key: str = "case") -> None:
    _facts(case)
    # Actions first: on a phone the columns stack, and the buttons must not sit below the PDF.
    actions, document = st.columns([2, 3], gap="large")
    with actions:
        _actions(case, who, assignees, key=f"{key}_{case.id}")
    with document:
        path = default_storage().path(case.pdf_key) if case.pdf_key else None
        if path is None or not path.is_file():
            st.warning("Le PDF de l'attestation est introuvable dans le stockage.")
        else:
            name = f"attestation-{case.allocataire_number}-{case.month.iso}.pdf"
            pdf_view.show(path, name, key=f"{key}_{case.id}_pdf")
    st.subheader("Historique")
    _history(case)
