"""The local sign-in form: e-mail and password, checked by `cmg_core.staff.auth.sign_in`
for the client address the request comes from."""

from __future__ import annotations

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.staff import auth
from cmg_core.staff.client_address import client_address


def _address() -> str:
    """Who is asking, as far as the trusted proxies say (`CMG_TRUSTED_PROXIES`)."""
    peer = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For")
    return client_address(
        peer if isinstance(peer, str) else None,
        forwarded if isinstance(forwarded, str) else None,
    )


def show(key: str = "sign_in") -> auth.SignedIn | None:
    """Draw the form; who signed in when the password is right, else None."""
    with st.form(key, border=True):
        email = st.text_input("Adresse électronique", key=f"{key}_email", autocomplete="username")
        password = st.text_input(
            "Mot de passe", type="password", key=f"{key}_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Se connecter", type="primary", icon=":material/login:")
    st.caption(auth.THROTTLE_RULE + " Sans action pendant 30 minutes, vous êtes déconnecté·e.")
    if not submitted:
        return None
    if not email.strip() or not password:
        st.error("Saisissez votre adresse électronique et votre mot de passe.")
        return None
    with session_scope() as session:
        result = auth.sign_in(session, email, password, _address())
    if isinstance(result, auth.SignInRefused):
        st.error(result.message, icon=":material/schedule:" if result.retry_after else None)
        return None
    return result
