"""The staff part of the navigation, built by `app.py` on every run.

Every staff page is always registered, so a bookmark or a link to it opens it, first visit
included; it is hidden from the menu unless the signed-in member of staff's role opens it, and
each page checks access itself (`pages.staff.access.require`). Signed in, the pages of the role
form the "Espace Caf" section.
"""

from __future__ import annotations

import streamlit as st

from cmg_core.staff.auth import SignedIn
from cmg_core.staff.roles import Area, may_open

CAF = "Espace Caf"
SIGN_IN_PAGE = "pages/staff/signin.py"
SIGN_IN_PATH = "connexion"
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
    (Area.PARTNERS, "partners.py", "Partenaires", ":material/handshake:", "caf-partenaires"),
    (Area.RUNS, "runs.py", "Automate", ":material/precision_manufacturing:", "caf-automate"),
    (Area.MAIL, "mail.py", "Courriels", ":material/mail:", "caf-courriels"),
    (Area.ACCOUNTS, "accounts.py", "Comptes", ":material/manage_accounts:", "caf-comptes"),
    (Area.JOURNAL, "journal.py", "Journal", ":material/history:", "caf-journal"),
)


def url_path(area: Area) -> str:
    """The address of an area's page, e.g. `/caf-depots`."""
    return "/" + next(path for page_area, *_, path in PAGES if page_area == area)


def _page(area: Area, file: str, title: str, icon: str, path: str, visible: bool) -> st.Page:
    return st.Page(
        f"pages/staff/{file}",
        title=title,
        icon=icon,
        url_path=path,
        visibility="visible" if visible else "hidden",
    )


def _sign_in_page(visible: bool) -> st.Page:
    return st.Page(
        SIGN_IN_PAGE,
        title="Mon compte" if visible else "Se connecter",
        icon=":material/account_circle:" if visible else ":material/login:",
        url_path=SIGN_IN_PATH,
        visibility="visible" if visible else "hidden",
    )


def hidden_pages(who: SignedIn | None) -> list[st.Page]:
    """The staff pages `who` may not open (all of them, and the sign-in, when signed out)."""
    pages = [
        _page(*entry, visible=False)
        for entry in PAGES
        if who is None or not may_open(who.role, entry[0])
    ]
    return pages + ([_sign_in_page(visible=False)] if who is None else [])


def sections(who: SignedIn | None) -> dict[str, list[st.Page]]:
    """The Caf section for the signed-in member of staff; nothing for anyone else."""
    if who is None:
        return {}
    pages = [_page(*entry, visible=True) for entry in PAGES if may_open(who.role, entry[0])]
    return {CAF: [*pages, _sign_in_page(visible=True)]}
