"""The staff part of the navigation, built by `app.py` on every run.

Anonymous visitors get only a hidden sign-in page (`/connexion`), so they see the partner
section alone. A signed-in member of staff gets a "Caf" section with the pages of their role;
each page still checks the role itself (`pages.staff.access.require`).
"""

from __future__ import annotations

import streamlit as st

from cmg_core.staff.roles import Area, may_open
from pages.staff import access
from pages.staff.widgets import oidc

CAF = "Espace Caf"
PAGES: tuple[tuple[Area, str, str, str, str], ...] = (
    (Area.DASHBOARD, "dashboard.py", "Tableau de bord", ":material/monitoring:", "caf"),
    (Area.DEPOSITS, "deposits.py", "Dépôts", ":material/inventory_2:", "caf-depots"),
    (Area.BILANS, "bilans.py", "Bilans", ":material/summarize:", "caf-bilans"),
    (Area.QUEUE, "queue.py", "File manuelle", ":material/assignment_ind:", "caf-file-manuelle"),
    (
        Area.HABILITATIONS,
        "habilitations.py",
        "Habilitations",
        ":material/badge:",
        "caf-habilitations",
    ),
    (Area.RUNS, "runs.py", "Automate", ":material/precision_manufacturing:", "caf-automate"),
    (Area.ACCOUNTS, "accounts.py", "Comptes", ":material/manage_accounts:", "caf-comptes"),
    (Area.JOURNAL, "journal.py", "Journal", ":material/history:", "caf-journal"),
)


def _sign_in_page(visible: bool) -> st.Page:
    return st.Page(
        access.SIGN_IN_PAGE,
        title="Mon compte" if visible else "Se connecter",
        icon=":material/account_circle:" if visible else ":material/login:",
        url_path="connexion",
        visibility="visible" if visible else "hidden",
    )


def public_pages() -> list[st.Page]:
    """The hidden sign-in page, for visitors who are not signed in."""
    oidc.adopt_identity()
    return [] if access.signed_in() else [_sign_in_page(visible=False)]


def sections() -> dict[str, list[st.Page]]:
    """The Caf section for the signed-in member of staff; nothing for anyone else."""
    who = access.signed_in()
    if who is None:
        return {}
    pages = [
        st.Page(f"pages/staff/{file}", title=title, icon=icon, url_path=path)
        for area, file, title, icon, path in PAGES
        if may_open(who.role, area)
    ]
    return {CAF: [*pages, _sign_in_page(visible=True)]}
