"""Who is signed in to the staff portal, and the guard every staff page calls first.

The member of staff is read on every run from the session cookie (`st.context.cookies`) and
the server-side session it names (`cmg_core.staff.sessions`), with the account as it stands
now (active, role): a reload, a new tab or a bookmark keeps the session, and Streamlit's
session state holds nothing of it but a one-off message. No business logic here.
"""

from __future__ import annotations

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.staff import sessions
from cmg_core.staff.auth import SignedIn
from cmg_core.staff.roles import Area, may_open
from pages.staff import menu
from pages.staff.widgets import new_password, sign_in
from pages.widgets import redirect
from web import staff_session

FLASH = "staff.flash"
ENDED = {
    sessions.EndReason.IDLE: "Vous avez été déconnecté·e après 30 minutes sans action. "
    "Reconnectez-vous.",
    sessions.EndReason.DEACTIVATED: "Votre compte n'est plus actif. "
    "Adressez-vous à un administrateur.",
}


def _cookie() -> str | None:
    """The session cookie the browser sent (the portal's session route set it)."""
    value = st.context.cookies.get(sessions.COOKIE_NAME)
    return value if isinstance(value, str) else None  # no browser (AppTest): no cookie


def signed_in() -> SignedIn | None:
    """The member of staff of this browser, checked against the database now."""
    cookie = _cookie()
    if not cookie:
        return None
    try:
        with session_scope() as session:
            result = sessions.resume(session, cookie)
    except sessions.SessionSecretError:
        return None
    if isinstance(result, sessions.Ended):
        if result.reason in ENDED:
            st.session_state[FLASH] = ENDED[result.reason]
        return None
    return result


def start(who: SignedIn, method: str, next_path: str) -> None:
    """Open the server-side session and send the browser through the session route, which
    sets the cookie and lands on `next_path`."""
    try:
        with session_scope() as session:
            ticket = sessions.open_session(session, who, method)
    except sessions.SessionSecretError as error:
        st.error(str(error))
        st.stop()
    redirect.go(staff_session.open_url(ticket, next_path))


def end(who: SignedIn, *, leave_identity_provider: bool = False) -> None:
    """Sign out at once (the server-side session ends, journaled), then clear the cookie, or
    leave the identity provider too (`st.logout`) after an OpenID Connect sign-in."""
    with session_scope() as session:
        sessions.sign_out(session, who)
    if leave_identity_provider:
        st.logout()
        st.stop()
    redirect.go(staff_session.CLOSE_PATH)


def sign_in_here(next_path: str, key: str = "sign_in") -> None:
    """The French sign-in form; once signed in, the browser lands on `next_path`."""
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.info(flash, icon=":material/schedule:")
    result = sign_in.show(key=key)
    if result is not None:
        start(result, "password", next_path)


def require(area: Area) -> SignedIn:
    """Stop the page unless a signed-in, active member of staff may open `area`.

    Called at the top of every staff page, so a page opened by URL is refused on the server
    side whatever the menu shows; a visitor who is not signed in gets the sign-in form here,
    then this very page.
    """
    who = signed_in()
    if who is None:
        st.title("Espace Caf : connexion")
        st.write("Cette page est réservée au personnel de la Caf. Connectez-vous pour l'ouvrir.")
        left, _ = st.columns([2, 3])
        with left:
            sign_in_here(menu.url_path(area))
        st.stop()
    if who.must_change_password:
        st.title("Choisissez votre mot de passe")
        st.write(
            "Votre mot de passe est provisoire : remplacez-le par un mot de passe que vous seul·e "
            "connaissez avant d'ouvrir l'Espace Caf."
        )
        left, _ = st.columns([2, 3])
        with left:
            if new_password.show(who, key="first_password"):
                st.rerun()
        st.stop()
    if not may_open(who.role, area):
        st.error("Votre rôle ne permet pas d'ouvrir cette page.")
        st.stop()
    return who
