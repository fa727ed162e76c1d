"""Connexion / Mon compte: staff sign-in (local or OpenID Connect), and sign-out."""

from __future__ import annotations

import streamlit as st

from cmg_core.db.enums import label
from pages.staff import access
from pages.staff.widgets import oidc, sign_in

DASHBOARD = "pages/staff/dashboard.py"
JUST_SIGNED_IN = "staff.just_signed_in"

who = access.signed_in()
if who is None:
    st.title("Espace Caf : connexion")
    st.write("Cet espace est réservé au personnel de la Caf.")
    flash = st.session_state.pop(access.FLASH, None)
    if flash:
        st.info(flash, icon=":material/schedule:")
    left, _ = st.columns([2, 3])
    with left:
        oidc.show(key="oidc")
        if sign_in.show(key="sign_in") is not None:
            st.session_state[JUST_SIGNED_IN] = True
            st.rerun()  # the next run builds the Caf menu, then opens the dashboard
elif st.session_state.pop(JUST_SIGNED_IN, False):
    st.switch_page(DASHBOARD)
else:
    st.title("Mon compte")
    st.write(f"Vous êtes connecté·e en tant que **{who.email}** ({label(who.role)}).")
    if st.button("Se déconnecter", icon=":material/logout:", key="sign_out"):
        access.end()
        if oidc.logged_in():
            st.logout()
        st.rerun()
