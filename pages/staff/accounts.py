"""Comptes: the staff accounts, their role and state; create one, change its role, deactivate
or reactivate it, lift its sign-in delays — every change written to the Journal."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import Role, label
from cmg_core.db.session import session_scope
from cmg_core.documents.formats import format_datetime
from cmg_core.staff import accounts
from cmg_core.staff.audit import Actor
from cmg_core.staff.auth import AccountExistsError
from cmg_core.staff.passwords import WeakPasswordError
from cmg_core.staff.roles import Area
from pages.staff import access
from pages.widgets.markdown import escape

ROLES = list(Role)
FEEDBACK = "accounts_feedback"

who = access.require(Area.ACCOUNTS)
me = Actor(who.user_id, who.email)
st.title("Comptes")
st.write(
    "Les comptes du personnel de la Caf, leur rôle et leur état. Chaque modification est "
    "inscrite au Journal ; un changement de rôle ou une désactivation ferme aussitôt les "
    "sessions ouvertes du compte."
)


def _state(user) -> str:
    if not user.active:
        return "désactivé"
    return "mot de passe provisoire à changer" if user.must_change_password else "actif"


with session_scope() as session:
    users = accounts.all_users(session)
st.dataframe(
    pd.DataFrame(
        [
            {
                "Adresse électronique": u.email,
                "Nom": u.display_name,
                "Rôle": label(Role(u.role)),
                "État": _state(u),
                "Dernière connexion": format_datetime(u.last_login_at)
                if u.last_login_at
                else "jamais",
                "Connexion": "mot de passe" if u.password_hash else "OpenID Connect seulement",
            }
            for u in users
        ]
    ),
    hide_index=True,
    width="stretch",
)


def _do(key: str, done: str, action, *args) -> None:
    """Run one account change; its outcome shows next to the button that asked for it."""
    try:
        with session_scope() as session:
            action(session, *args)
    except ValueError as error:
        st.session_state[FEEDBACK] = (key, "error", str(error))
    else:
        st.session_state[FEEDBACK] = (key, "success", done)


def _feedback(key: str) -> None:
    shown = st.session_state.get(FEEDBACK)
    if shown and shown[0] == key:
        st.session_state.pop(FEEDBACK)
        (st.error if shown[1] == "error" else st.success)(shown[2])


st.subheader("Modifier un compte")
by_id = {u.id: u for u in users}
chosen = st.selectbox(
    "Compte", list(by_id), format_func=lambda i: by_id[i].email, key="accounts_choice"
)
user = by_id[chosen]
left, right = st.columns(2)
with left:
    role = st.selectbox(
        "Rôle",
        ROLES,
        index=ROLES.index(Role(user.role)),
        format_func=label,
        key=f"accounts_role_{chosen}",
    )
    st.button(
        "Changer le rôle",
        key="accounts_change_role",
        disabled=role == Role(user.role),
        on_click=_do,
        args=(
            "role",
            f"Rôle de {user.email} : {label(role)}. Ses sessions ouvertes sont fermées.",
            accounts.change_role,
            chosen,
            role,
            me,
        ),
        icon=":material/badge:",
    )
    _feedback("role")
with right:
    st.button(
        "Désactiver" if user.active else "Réactiver",
        key="accounts_toggle",
        on_click=_do,
        args=(
            "toggle",
            f"Compte {user.email} {'désactivé' if user.active else 'réactivé'}.",
            accounts.set_active,
            chosen,
            not user.active,
            me,
        ),
        icon=":material/person_off:" if user.active else ":material/person:",
    )
    st.button(
        "Lever les délais de connexion",
        key="accounts_unlock",
        help="Après des essais infructueux, les essais suivants sont retardés ; ceci les lève.",
        on_click=_do,
        args=(
            "toggle",
            f"Délais de connexion levés pour {user.email}.",
            accounts.unlock_user,
            chosen,
            me,
        ),
        icon=":material/lock_open:",
    )
    _feedback("toggle")

st.subheader("Créer un compte")
with st.form("accounts_new", clear_on_submit=True):
    email = st.text_input("Adresse électronique", key="accounts_new_email")
    name = st.text_input("Nom affiché (facultatif)", key="accounts_new_name")
    new_role = st.selectbox("Rôle", ROLES, format_func=label, key="accounts_new_role")
    oidc_only = st.radio(
        "Connexion",
        [False, True],
        format_func=lambda o: (
            "OpenID Connect seulement (compte Caf)"
            if o
            else "Mot de passe provisoire, à changer à la première connexion"
        ),
        key="accounts_new_oidc",
    )
    created = st.form_submit_button("Créer le compte", icon=":material/person_add:")
if created:
    temporary = None if oidc_only else accounts.temporary_password()
    try:
        with session_scope() as session:
            accounts.add_user(
                session, email, new_role, temporary, by=me, display_name=name, temporary=True
            )
    except (ValueError, AccountExistsError, WeakPasswordError) as error:
        st.error(str(error))
    else:
        if temporary is None:
            st.success(
                f"Compte créé pour {escape(email.strip().lower())} : connexion OpenID Connect."
            )
        else:
            st.success(
                f"Compte créé pour {escape(email.strip().lower())}. Transmettez-lui ce mot "
                "de passe provisoire par un canal sûr ; il le changera à sa première connexion :"
            )
            st.code(temporary, language=None)
