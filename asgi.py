"""The portal's ASGI entry: the router `app.py` served by `st.App`, with the portal's HTTP
middleware (`web.middleware`, e.g. `<html lang="fr">`) and the staff session routes
(`web.staff_session`).

Start it with `streamlit run asgi.py` (see the README), or with any ASGI server
(`uvicorn asgi:app`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from web import middleware, staff_session, startup

# Streamlit decides on the first script run after a start whether the app uses its legacy
# discovery of a `pages/` folder beside the main script; ours holds `st.Page` modules, not
# legacy pages, and that first run answered « Page not found » to any direct link. `st.navigation`
# clears the flag, but only after that first run: clear it before any run.
PagesManager.uses_pages_directory = False

# Once per server start. Not in an st.App lifespan: under `streamlit run`, Streamlit starts its
# runtime on the first request and skips a user lifespan (it logs so).
startup.prepare()

app = st.App(
    Path(__file__).resolve().parent / "app.py",
    routes=staff_session.ROUTES,
    middleware=middleware.MIDDLEWARE,
)
