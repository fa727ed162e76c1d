"""The form where a member of staff replaces their password (a temporary one first)."""

from __future__ import annotations

import streamlit as st

from cmg_core.db.session import session_scope
from cmg_core.staff import accounts
from cmg_core.staff.auth import SignedIn
from cmg_core.staff.passwords import RULE, WeakPasswordError


def show(who: SignedIn, key: str = "new_password") -> bool:
    """Draw the form; True once the new password is saved."""
    st.caption(RULE)
    with st.form(key, border=True):
        current = st.text_input(
            "Mot de passe actuel",
            type="password",
            key=f"{key}_current",
            autocomplete="current-password",
        )
        new = st.text_input(
            "Nouveau mot de passe", type="password", key=f"{key}_new", autocomplete="new-password"
        )
        again = st.text_input(
            "Nouveau mot de passe, une seconde fois",
            type="password",
            key=f"{key}_again",
            autocomplete="new-password",
        )
        submitted = st.form_submit_button("Enregistrer le mot de passe", type="primary")
    if not submitted:
        return False
    if new != again:
        st.error("Les deux saisies du nouveau mot de passe diffèrent.")
        return False
    try:
        with session_scope() as session:
            accounts.change_own_password(session, who.user_id, current, new)
    except WeakPasswordError as error:
        st.error(str(error))
        return False
    return True
