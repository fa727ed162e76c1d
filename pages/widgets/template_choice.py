"""Choice of the template the partner expects: micro-crèche, garde à domicile, or detection."""

from __future__ import annotations

import streamlit as st

from cmg_core.guide import template_label
from cmg_core.templates import TemplateCode

AUTO = "auto"
OPTIONS = (AUTO, TemplateCode.MC.value, TemplateCode.GAD.value)


def show(key: str) -> str | None:
    """The expected template code ("MC", "GAD"), or None to let the pre-check detect it."""
    choice = st.radio(
        "Votre type de structure",
        OPTIONS,
        format_func=lambda code: (
            "Détecter d'après le fichier" if code == AUTO else template_label(code)
        ),
        horizontal=True,
        key=key,
        help="Si vous précisez votre type de structure, le pré-contrôle vérifie aussi que le "
        "fichier suit le bon modèle.",
    )
    return None if choice == AUTO else choice
