"""Comptes: an administrator creates accounts and changes roles (journaled); a temporary
password is replaced at the first sign-in."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry
from cmg_core.db.session import session_scope
from cmg_core.staff import auth
from tests.pages.staff.conftest import SIGN_IN, land, portal, signed_in, submit_sign_in


def open_accounts(world, browser):
    return signed_in(world, Role.ADMIN, browser).switch_page("pages/staff/accounts.py").run()


def create(app, email: str, role: Role, oidc_only: bool = False):
    app.text_input(key="accounts_new_email").input(email)
    app.selectbox(key="accounts_new_role").set_value(role)
    app.radio(key="accounts_new_oidc").set_value(oidc_only)
    next(b for b in app.button if b.label == "Créer le compte").click()
    return app.run()


def journal() -> list[str]:
    with session_scope() as session:
        return list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_an_admin_creates_an_account_whose_temporary_password_is_changed_at_first_sign_in(
    world, browser
):
    app = create(open_accounts(world, browser), "nouvel.agent@caf.fr", Role.AGENT)
    assert not app.exception
    temporary = app.code[0].value
    assert "Compte créé pour nouvel.agent@caf.fr" in app.success[0].value
    assert journal()[-1] == "user.create"

    browser.cookie = None
    first = portal().switch_page(SIGN_IN).run()
    first = land(submit_sign_in(first, "nouvel.agent@caf.fr", temporary), browser)
    assert first.title[0].value == "Choisissez votre mot de passe"
    first.text_input(key="first_password_current").input(temporary)
    first.text_input(key="first_password_new").input("azertyuiop12")
    first.text_input(key="first_password_again").input("azertyuiop12")
    first = next(b for b in first.button if b.label == "Enregistrer le mot de passe").click().run()
    assert "trop courants" in first.error[0].value
    first.text_input(key="first_password_new").input("Angers-lundi-matin-42")
    first.text_input(key="first_password_again").input("Angers-lundi-matin-42")
    first = next(b for b in first.button if b.label == "Enregistrer le mot de passe").click().run()

    assert first.title[0].value == "Tableau de bord"
    assert journal()[-1] == "user.password"


def test_an_oidc_only_account_has_no_password(world, browser):
    app = create(open_accounts(world, browser), "oidc.gca@caf.fr", Role.GCA, oidc_only=True)

    assert not app.code
    with session_scope() as session:
        assert auth.find_user(session, "oidc.gca@caf.fr").password_hash is None


def test_a_role_change_is_journaled_and_shown_next_to_its_button(world, browser):
    app = open_accounts(world, browser)
    with session_scope() as session:
        agent_id = auth.find_user(session, world.accounts[Role.AGENT]).id
    app.selectbox(key="accounts_choice").set_value(agent_id).run()
    app.selectbox(key=f"accounts_role_{agent_id}").set_value(Role.GCA).run()
    next(b for b in app.button if b.label == "Changer le rôle").click()
    app = app.run()

    assert "Ses sessions ouvertes sont fermées" in app.success[0].value
    assert journal()[-1] == "user.role"
    with session_scope() as session:
        assert auth.find_user(session, world.accounts[Role.AGENT]).role == Role.GCA
