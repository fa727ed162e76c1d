"""What the portal's ASGI entry (`asgi.py`) adds around Streamlit: HTTP middleware and routes.

No page and no business logic here: the routes call `cmg_core`, the middleware edits HTTP.
"""
