"""An attestation PDF shown inline (st.pdf when its component is installed, else the browser's
own viewer in an iframe) with a download button."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import streamlit as st


def show(path: Path, file_name: str, key: str = "pdf", height: int = 640) -> None:
    """Show the stored PDF at `path`; `file_name` is offered for the download."""
    data = path.read_bytes()
    if importlib.util.find_spec("streamlit_pdf") is not None:
        st.pdf(data, height=height, key=f"{key}_view")
    else:
        st.iframe(path, height=height)  # served from media storage to the browser's PDF viewer
    st.download_button(
        "Télécharger l'attestation (PDF)",
        data,
        file_name=file_name,
        mime="application/pdf",
        key=f"{key}_download",
        icon=":material/download:",
        on_click="ignore",
    )
