"""Sign-in through OpenID Connect (`st.login`), used when `.streamlit/secrets.toml` has an
`[auth]` table:

    [auth]
    redirect_uri = "https://portail.example/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "…"
    client_secret = "…"
    server_metadata_url = "https://idp.example/.well-known/openid-configuration"

The e-mail the identity provider proves is mapped to an active staff account, which gives the
role; without an account the person is refused (and journaled).
"""

from __future__ import annotations

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.staff import auth
from pages.staff import access

REFUSED = "staff.oidc_refused"


def configured() -> bool:
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def logged_in() -> bool:
    return configured() and bool(getattr(st.user, "is_logged_in", False))


def adopt_identity() -> None:
    """Once per browser session: map a proven OIDC identity to the staff account."""
    if access.signed_in() is not None or REFUSED in st.session_state or not logged_in():
        return
    with session_scope() as session:
        result = auth.sign_in_oidc(session, st.user.get("email"), st.user.get("sub"))
    if isinstance(result, auth.SignedIn):
        access.start(result)
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
