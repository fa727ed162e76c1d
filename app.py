"""Portal router: builds the navigation the visitor may see and runs the chosen page.

Pages live in `pages/`; no business logic here. Served by the ASGI entry `asgi.py`. Every staff
page is registered on every run (hidden unless the signed-in role opens it) and checks access
itself; the signed-in member of staff comes from the session cookie (`pages.staff.access`).
"""

from __future__ import annotations

import streamlit as st

from cmg_core.staff.auth import SignedIn
from pages.staff import access
from pages.staff import menu as staff_menu
from pages.staff.widgets import oidc
from pages.widgets import layout, secrets

PARTNERS = "Structures partenaires"


def partner_pages() -> list[st.Page]:
    """The public pages for micro-crèches and garde à domicile structures."""
    return [
        st.Page(
            "pages/partners/blank_templates.py",
            title="Modèles vierges",
            icon=":material/download:",
            url_path="modeles",
            default=True,
        ),
        st.Page(
            "pages/partners/precheck.py",
            title="Pré-contrôle",
            icon=":material/fact_check:",
            url_path="pre-controle",
        ),
        st.Page(
            "pages/partners/correction.py",
            title="Version corrigée",
            icon=":material/auto_fix_high:",
            url_path="version-corrigee",
        ),
    ]


def sections(who: SignedIn | None) -> dict[str, list[st.Page]]:
    """Navigation sections by audience; the hidden staff pages ride in the first one."""
    public = partner_pages() + staff_menu.hidden_pages(who)
    return {PARTNERS: public, **staff_menu.sections(who)}


def navigation(who: SignedIn | None) -> st.Page:
    """One section is shown as plain links; several sections as one menu per audience."""
    by_section = sections(who)
    if len(by_section) == 1:
        return st.navigation(next(iter(by_section.values())), position="top")
    return st.navigation(by_section, position="top")


secrets.adopt_settings()
st.set_page_config(page_title="Attestations CMG", page_icon="📄", layout="wide")
who = access.signed_in()
page = navigation(who)
if who is None:
    oidc.adopt_identity(next_path=f"/{page.url_path}")
layout.header()
page.run()
if page.url_path in {p.url_path for p in partner_pages()}:
    layout.footer()  # the "nothing is kept" promise holds for the public pre-check only
