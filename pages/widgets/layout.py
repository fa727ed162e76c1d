"""The sober header and the footer drawn around every page."""

from __future__ import annotations

import html

import streamlit as st

from cmg_core import settings

# Streamlit's uploader speaks English; these rules show French words in its place.
UPLOADER_IN_FRENCH = """
<style>
[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p { font-size: 0; }
[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p::after {
  content: "Choisir un fichier"; font-size: 1rem;
}
[data-testid=stFileUploaderDropzoneInstructions] span { font-size: 0; }
[data-testid=stFileUploaderDropzoneInstructions] span::after {
  content: "ou glissez-le ici"; font-size: 0.875rem;
}
</style>
"""


def header() -> None:
    """The service name and the Caf, in the state's sober style (no official logo)."""
    caf = html.escape(settings.get("CMG_CAF_NAME"))
    st.html(UPLOADER_IN_FRENCH)
    st.html(
        f"""
        <div style="border-left: 6px solid #000091; padding: 0.25rem 0 0.25rem 0.9rem;
                    margin-bottom: 0.5rem;">
          <div style="font-weight: 700; font-size: 1.05rem; color: #161616;">{caf}</div>
          <div style="color: #3A3A3A;">Attestations mensuelles CMG
          (micro-crèches et garde à domicile)</div>
        </div>
        """
    )


def footer() -> None:
    st.divider()
    st.caption(
        "Vos fichiers sont contrôlés en mémoire, le temps de l'affichage : ils ne sont ni "
        "enregistrés ni transmis à la Caf. Seul le dépôt sur démarches-simplifiées vaut "
        "déclaration."
    )
