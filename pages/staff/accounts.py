"""Comptes: the staff accounts, their role and state; unlock, deactivate or reactivate one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import Role, label
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from cmg_core.documents.formats import format_datetime
from cmg_core.staff import accounts
from cmg_core.staff.audit import Actor
from cmg_core.staff.auth import is_locked
from cmg_core.staff.roles import Area
from pages.staff import access

who = access.require(Area.ACCOUNTS)
me = Actor(who.user_id, who.email)
st.title("Comptes")
st.write(
    "Les comptes du personnel. Un compte se crée en ligne de commande : "
    "`python -m cmg_core users add ADRESSE --role agent|gca|admin`."
)
flash = st.session_state.pop("accounts_flash", None)
if flash:
    st.error(flash)

now = utcnow()
with session_scope() as session:
    users = accounts.all_users(session)
st.dataframe(
    pd.DataFrame(
        [
            {
                "Adresse électronique": u.email,
                "Rôle": label(Role(u.role)),
                "État": ("verrouillé" if is_locked(u, now) else "actif")
                if u.active
                else "désactivé",
                "Dernière connexion": format_datetime(u.last_login_at)
                if u.last_login_at
                else "jamais",
                "Connexion": "mot de passe" if u.password_hash else "OpenID Connect",
            }
            for u in users
        ]
    ),
    hide_index=True,
    width="stretch",
)

by_id = {u.id: u for u in users}
chosen = st.selectbox(
    "Compte", list(by_id), format_func=lambda i: by_id[i].email, key="accounts_choice"
)


def _do(action, *args) -> None:
    try:
        with session_scope() as session:
            action(session, *args)
    except ValueError as error:
        st.session_state["accounts_flash"] = str(error)


user = by_id[chosen]
buttons = st.columns(3)
buttons[0].button(
    "Déverrouiller",
    key="accounts_unlock",
    disabled=user.locked_until is None,
    on_click=_do,
    args=(accounts.unlock_user, chosen, me),
    icon=":material/lock_open:",
)
buttons[1].button(
    "Désactiver" if user.active else "Réactiver",
    key="accounts_toggle",
    on_click=_do,
    args=(accounts.set_active, chosen, not user.active, me),
    icon=":material/person_off:" if user.active else ":material/person:",
)
