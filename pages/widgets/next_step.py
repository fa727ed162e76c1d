"""The next step once a file is valid: deposit it on the démarche of its template."""

from __future__ import annotations

import streamlit as st

from cmg_core.guide import demarche_url, template_label
from cmg_core.precheck.report import Report


def show(report: Report, *, subject: str = "ce fichier") -> None:
    """`subject` names the file to deposit, as the page calls it ("la version corrigée")."""
    if not report.valid or report.template is None:
        return
    with st.container(border=True):
        st.markdown(
            f"**Étape suivante : déposez {subject} sur démarches-simplifiées.** Ouvrez la "
            f"démarche {template_label(report.template)}, joignez le fichier tel quel, puis "
            "cochez «\u00a0J'accepte les conditions\u00a0»."
        )
        st.link_button(
            "Ouvrir la démarche de dépôt",
            demarche_url(report.template),
            type="primary",
            icon=":material/open_in_new:",
        )
