"""Courriels: what the outbox sent, what waits and what failed, a message as it reads; and, in
the demo, what the local capture SMTP server received."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from cmg_core import settings
from cmg_core.db.enums import MailKind, MailStatus, capitalised, label
from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_datetime
from cmg_core.mail import outbox
from cmg_core.staff.roles import Area
from pages.staff import access
from pages.widgets.markdown import escape

access.require(Area.MAIL)
st.title("Courriels")
st.write(
    "Les courriels envoyés aux partenaires : lien de la démarche d'habilitation, habilitations "
    "accordées ou retirées, appel mensuel, relances. L'automate les envoie à chaque passage ; "
    "un envoi en échec est réessayé de plus en plus tard, puis abandonné après plusieurs échecs."
)
if not settings.get("CMG_SMTP_URL"):
    st.warning(
        "Aucun serveur d'envoi n'est configuré (CMG_SMTP_URL) : les courriels restent en attente."
    )

with session_scope() as session:
    counts = outbox.counts(session)
HEADINGS = {MailStatus.PENDING: "À envoyer", MailStatus.SENDING: "En cours d'envoi",
            MailStatus.SENT: "Envoyés", MailStatus.FAILED: "Abandonnés"}  # fmt: skip
for column, (status, heading) in zip(st.columns(4), HEADINGS.items(), strict=True):
    column.metric(heading, counts.get(status, 0))

STATUSES = {"Tous": (), **{capitalised(s): (s,) for s in MailStatus}}
chosen = st.selectbox("État", list(STATUSES), key="mail_status")
with session_scope() as session:
    rows = outbox.listing(session, STATUSES[chosen])
    session.expunge_all()

if not rows:
    st.info("Aucun courriel.")
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Écrit le": format_datetime(r.created_at),
                    "Destinataire": r.recipient,
                    "Motif": capitalised(MailKind(r.kind)),
                    "État": label(MailStatus(r.status)),
                    "Envoyé le": format_datetime(r.sent_at) if r.sent_at else "",
                    "Objet": r.subject,
                    "Essais": r.attempts,
                    "Dernière erreur": r.last_error or "",
                }
                for r in rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    by_id = {r.id: r for r in rows}
    picked = st.selectbox(
        "Lire un courriel", list(by_id), index=None, placeholder="Choisissez un courriel",
        format_func=lambda i: f"{by_id[i].recipient} — {by_id[i].subject}", key="mail_pick",
    )  # fmt: skip
    if picked is not None:
        row = by_id[picked]
        if row.status == MailStatus.FAILED and st.button(
            "Renvoyer", icon=":material/send:", key=f"mail_retry_{picked}"
        ):
            with session_scope() as session:
                outbox.retry(session, picked)
            st.rerun()
        text, html = st.tabs(["Texte", "Mise en page (HTML)"])
        text.text(row.body_text)
        with html:
            components.html(row.body_html, height=520, scrolling=True)

folder = settings.get("CMG_MAIL_CAPTURE_DIR")
if folder:
    from cmg_core.mail.capture import read_folder  # the demo's capture server (make run)

    st.subheader("Reçus par le serveur de capture local")
    st.caption(
        "Démonstration : un serveur SMTP local reçoit les courriels au lieu des partenaires "
        f"(dossier {escape(folder)})."
    )
    captured = read_folder(folder, limit=100)
    if not captured:
        st.info("Le serveur de capture n'a encore rien reçu.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Écrit le": format_datetime(m.date) if m.date else "",
                        "À": ", ".join(m.recipients),
                        "Objet": m.subject,
                    }
                    for m in captured
                ]
            ),
            hide_index=True,
            width="stretch",
        )
