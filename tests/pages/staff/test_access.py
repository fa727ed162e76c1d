"""Who opens which staff page: anonymous, agent, GCA, admin — on the server, whatever the menu;
the server-side session read from the cookie on every run."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry, StaffSession, StaffUser
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from cmg_core.staff import accounts
from tests import builders
from tests.pages.staff.conftest import (
    ADMIN_ONLY,
    PAGES,
    SIGN_IN,
    as_member,
    land,
    member,
    portal,
    registered,
    signed_in,
    submit_sign_in,
)

PARTNER_PAGES = {
    "pages/partners/blank_templates.py",
    "pages/partners/precheck.py",
    "pages/partners/correction.py",
}
STAFF_PAGES = {f"pages/staff/{name}.py" for name in PAGES} | {SIGN_IN}


def test_every_staff_page_is_registered_for_an_anonymous_visitor_so_a_link_opens_it(world):
    app = portal()

    assert registered(app) == PARTNER_PAGES | STAFF_PAGES
    assert app.title[0].value == "Modèles vierges"


def test_signing_in_as_a_gca_lands_on_the_dashboard_with_every_page_still_registered(
    world, browser
):
    app = signed_in(world, Role.GCA, browser)

    assert not app.exception
    assert app.title[0].value == "Tableau de bord"
    assert registered(app) == PARTNER_PAGES | STAFF_PAGES
    assert browser.cookie is not None


@pytest.mark.parametrize("name", list(PAGES))
def test_an_admin_opens_every_staff_page_without_error(world, browser, name):
    app = signed_in(world, Role.ADMIN, browser)

    app.switch_page(f"pages/staff/{name}.py").run()

    assert not app.exception
    assert app.title[0].value == PAGES[name]


@pytest.mark.parametrize("name", ADMIN_ONLY)
def test_a_gca_opening_an_admin_page_directly_is_refused_by_the_page_itself(world, browser, name):
    app = as_member(f"pages/staff/{name}.py", member(world, Role.GCA), browser)

    assert [e.value for e in app.error] == ["Votre rôle ne permet pas d'ouvrir cette page."]
    assert not app.title and not app.dataframe


def test_an_agent_opening_the_manual_queue_directly_is_refused(world, browser):
    app = as_member("pages/staff/queue.py", member(world, Role.AGENT), browser)

    assert app.error[0].value == "Votre rôle ne permet pas d'ouvrir cette page."
    assert not app.title


@pytest.mark.parametrize("name", list(PAGES))
def test_every_staff_page_opened_without_signing_in_shows_the_sign_in_form(world, browser, name):
    app = as_member(f"pages/staff/{name}.py", None, browser)

    assert app.title[0].value == "Espace Caf : connexion"
    assert "réservée au personnel de la Caf" in app.markdown[0].value
    assert app.text_input(key="sign_in_email") is not None


def test_signing_in_on_a_page_opened_by_link_lands_on_that_page(world, browser):
    app = as_member("pages/staff/deposits.py", None, browser)

    app = submit_sign_in(app, world.accounts[Role.AGENT], builders.PASSWORD)
    assert browser.redirects[-1].endswith("next=%2Fcaf-depots")
    app = land(app, browser)

    assert app.title[0].value == "Dépôts"


def test_a_ticket_serves_once_then_leads_back_to_the_sign_in_page(world, browser):
    app = portal()
    app.switch_page(SIGN_IN).run()
    submit_sign_in(app, world.accounts[Role.AGENT], builders.PASSWORD)
    ticket_url = browser.redirects[-1]

    assert browser.follow() == "/caf"
    first_cookie = browser.cookie
    browser.redirects.append(ticket_url)
    assert browser.follow() == "/connexion"
    assert browser.cookie == first_cookie  # the spent ticket set nothing


def test_a_forged_cookie_signs_nobody_in(world, browser):
    cookie_user = as_member("pages/staff/dashboard.py", member(world, Role.ADMIN), browser)
    assert cookie_user.title[0].value == "Tableau de bord"
    token, _, signature = browser.cookie.rpartition(".")
    browser.cookie = f"{token}.{'0' * len(signature)}"

    app = portal()
    app.switch_page("pages/staff/dashboard.py").run()

    assert app.title[0].value == "Espace Caf : connexion"


def test_a_role_change_ends_the_session_at_once(world, browser):
    app = signed_in(world, Role.ADMIN, browser)
    with session_scope() as session:
        admin = session.scalars(
            sa.select(StaffUser).where(StaffUser.email == world.accounts[Role.ADMIN])
        ).one()
        other = accounts.SYSTEM
        accounts.change_role(session, admin.id, Role.GCA, by=other)

    app.switch_page("pages/staff/queue.py").run()

    assert app.title[0].value == "Espace Caf : connexion"


def test_after_30_idle_minutes_the_next_click_signs_out_with_a_message(world, browser):
    app = signed_in(world, Role.GCA, browser)
    with session_scope() as session:
        session.execute(
            sa.update(StaffSession).values(last_seen_at=utcnow() - timedelta(minutes=31))
        )

    app.switch_page("pages/staff/queue.py").run()

    assert app.title[0].value == "Espace Caf : connexion"
    assert "30 minutes sans action" in app.info[0].value
    with session_scope() as session:
        assert (
            session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "auth.timeout"))
            == 1
        )


def test_signing_out_ends_the_session_clears_the_cookie_and_is_journaled(world, browser):
    app = signed_in(world, Role.GCA, browser)
    old_cookie = browser.cookie
    app.switch_page(SIGN_IN).run()
    assert app.title[0].value == "Mon compte"

    next(b for b in app.button if b.label == "Se déconnecter").click().run()
    assert land(app, browser).title[0].value == "Espace Caf : connexion"

    assert browser.cookie is None
    browser.cookie = old_cookie  # even a copy of the old cookie is worth nothing now
    assert portal().switch_page(SIGN_IN).run().title[0].value == "Espace Caf : connexion"
    with session_scope() as session:
        actions = list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["auth.sign_in", "auth.sign_out"]
