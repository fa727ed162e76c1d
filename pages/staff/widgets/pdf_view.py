"""An attestation PDF shown inline (st.pdf, rendered by pdf.js in any browser) with a download
button."""

from __future__ import annotations

from pathlib import Path

import streamlit as st


def show(path: Path, file_name: str, key: str = "pdf", height: int = 640) -> None:
    """Show the stored PDF at `path`; `file_name` is offered for the download."""
    data = path.read_bytes()
    st.pdf(data, height=height, key=f"{key}_view")
    st.download_button(
        "Télécharger l'attestation (PDF)",
        data,
        file_name=file_name,
        mime="application/pdf",
        key=f"{key}_download",
        icon=":material/download:",
        on_click="ignore",
    )
