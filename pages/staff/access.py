"""Who is signed in to the staff portal, and the guard every staff page calls first.

The signed-in member of staff and the time of their last action live in the server-side
session state; the account itself (active, role) is re-read from the database by `require`,
so a deactivation or a role change applies on the next click. No business logic here: the
rules are in `cmg_core.staff`.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from cmg_core.staff import auth
from cmg_core.staff.roles import Area, may_open

WHO = "staff.who"
LAST_ACTIVITY = "staff.last_activity"
FLASH = "staff.flash"
SIGN_IN_PAGE = "pages/staff/signin.py"


def signed_in() -> auth.SignedIn | None:
    """The member of staff of this browser session (from session state only, no database)."""
    return st.session_state.get(WHO)


def start(who: auth.SignedIn) -> None:
    st.session_state[WHO] = who
    st.session_state[LAST_ACTIVITY] = utcnow()


def end(*, idle: bool = False) -> None:
    """Sign out: journal it, forget the member of staff (and leave OIDC when used)."""
    who = signed_in()
    if who is not None:
        with session_scope() as session:
            auth.sign_out(session, who, idle=idle)
    for key in (WHO, LAST_ACTIVITY):
        st.session_state.pop(key, None)
    if idle:
        st.session_state[FLASH] = (
            "Vous avez été déconnecté·e après 30 minutes sans action. Reconnectez-vous."
        )


def expire_if_idle(now: datetime | None = None) -> bool:
    """Sign out a session left idle too long; True when it just happened."""
    last = st.session_state.get(LAST_ACTIVITY)
    if signed_in() is None or last is None or not auth.is_idle(last, now):
        return False
    end(idle=True)
    return True


def require(area: Area) -> auth.SignedIn:
    """Stop the page unless a signed-in, active member of staff may open `area`.

    Called at the top of every staff page, so a page opened by URL or `switch_page` is refused
    on the server side whatever the menu shows.
    """
    if expire_if_idle():
        st.switch_page(SIGN_IN_PAGE)
    who = signed_in()
    if who is None:
        st.warning("Cette page est réservée au personnel de la Caf. Connectez-vous d'abord.")
        st.page_link(SIGN_IN_PAGE, label="Se connecter", icon=":material/login:")
        st.stop()
    with session_scope() as session:
        fresh = auth.current(session, who)
    if fresh is None:
        end()
        st.warning("Votre compte n'est plus actif. Adressez-vous à un administrateur.")
        st.stop()
    st.session_state[WHO] = fresh
    if not may_open(fresh.role, area):
        st.error("Votre rôle ne permet pas d'ouvrir cette page.")
        st.stop()
    st.session_state[LAST_ACTIVITY] = utcnow()
    return fresh
