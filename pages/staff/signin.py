"""Connexion / Mon compte: staff sign-in (local or OpenID Connect), and sign-out."""

from __future__ import annotations

import streamlit as st

from cmg_core.db.enums import label
from cmg_core.staff.roles import Area
from pages.staff import access, menu
from pages.staff.widgets import oidc
from pages.widgets.markdown import escape

who = access.signed_in()
if who is None:
    st.title("Espace Caf : connexion")
    st.write("Cet espace est réservé au personnel de la Caf.")
    left, _ = st.columns([2, 3])
    with left:
        oidc.show(key="oidc")
        access.sign_in_here(menu.url_path(Area.DASHBOARD))
else:
    st.title("Mon compte")
    st.write(f"Vous êtes connecté·e en tant que **{escape(who.email)}** ({label(who.role)}).")
    if st.button("Se déconnecter", icon=":material/logout:", key="sign_out"):
        access.end(who, leave_identity_provider=oidc.logged_in())
