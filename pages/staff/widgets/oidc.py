"""Sign-in through OpenID Connect (`st.login`), used when `.streamlit/secrets.toml` has an
`[auth]` table:

    [auth]
    redirect_uri = "https://portail.example/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "…"
    client_secret = "…"
    server_metadata_url = "https://idp.example/.well-known/openid-configuration"

The e-mail the identity provider has just proven is mapped to an active staff account, which
gives the role, and opens the same server-side session as a password sign-in; without an
account the person is refused (and journaled).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.staff import auth
from pages.staff import access

REFUSED = "staff.oidc_refused"
# st.login's identity cookie outlives our session; only a sign-in at the identity provider
# this recent opens a staff session, so an idle timeout or a sign-out is not undone by it.
FRESH = timedelta(minutes=5)


def configured() -> bool:
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def logged_in() -> bool:
    return configured() and bool(getattr(st.user, "is_logged_in", False))


def _fresh() -> bool:
    issued = st.user.get("iat")
    if not isinstance(issued, int | float):
        return False
    return datetime.now(UTC) - datetime.fromtimestamp(issued, UTC) <= FRESH


def adopt_identity(next_path: str) -> None:
    """A fresh OIDC identity, not yet a staff session: open one, landing on `next_path`."""
    if REFUSED in st.session_state or not logged_in() or not _fresh():
        return
    with session_scope() as session:
        result = auth.sign_in_oidc(session, st.user.get("email"), st.user.get("sub"))
    if isinstance(result, auth.SignedIn):
        access.start(result, "oidc", next_path)
    else:
        st.session_state[REFUSED] = result.message


def show(key: str = "oidc") -> None:
    """The button to sign in with the Caf identity provider, and a refusal if there was one."""
    if not configured():
        return
    if REFUSED in st.session_state:
        st.error(st.session_state[REFUSED])
        if st.button("Se déconnecter du fournisseur d'identité", key=f"{key}_logout"):
            st.session_state.pop(REFUSED)
            st.logout()
        return
    if st.button(
        "Se connecter avec mon compte Caf",
        key=f"{key}_login",
        icon=":material/key:",
        type="primary",
    ):
        st.login()
    st.caption("ou avec un compte local :")
