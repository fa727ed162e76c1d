"""Who sees which staff page: anonymous, agent, GCA, admin — in the menu and on the server."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry, StaffUser
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from pages.staff import access
from tests.pages.staff.conftest import (
    ADMIN_ONLY,
    PAGES,
    SIGN_IN,
    as_member,
    member,
    portal,
    registered,
    signed_in,
    submit_sign_in,
)
from tests.staff import builders

PARTNER_PAGES = {
    "pages/partners/blank_templates.py",
    "pages/partners/precheck.py",
    "pages/partners/correction.py",
}


def staff_pages(*names: str) -> set[str]:
    return {f"pages/staff/{name}.py" for name in names}


def test_an_anonymous_visitor_gets_only_the_partner_pages_and_the_hidden_sign_in(world):
    app = portal()

    assert registered(app) == PARTNER_PAGES | {SIGN_IN}
    assert app.title[0].value == "Modèles vierges"


def test_signing_in_as_a_gca_opens_the_dashboard_with_the_queue_but_no_admin_page(world):
    app = signed_in(world, Role.GCA)

    assert not app.exception
    assert app.title[0].value == "Tableau de bord"
    assert registered(app) == PARTNER_PAGES | staff_pages(
        "dashboard", "deposits", "bilans", "queue", "signin"
    )
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/staff/journal.py")


def test_an_agent_gets_dashboards_deposits_and_bilans_only(world):
    app = signed_in(world, Role.AGENT)

    assert registered(app) - PARTNER_PAGES == staff_pages(
        "dashboard", "deposits", "bilans", "signin"
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_an_admin_opens_every_staff_page_without_error(world, name):
    app = signed_in(world, Role.ADMIN)

    app.switch_page(f"pages/staff/{name}.py").run()

    assert not app.exception
    assert app.title[0].value == PAGES[name]


@pytest.mark.parametrize("name", ADMIN_ONLY)
def test_a_gca_opening_an_admin_page_directly_is_refused_by_the_page_itself(world, name):
    app = as_member(f"pages/staff/{name}.py", member(world, Role.GCA))

    assert [e.value for e in app.error] == ["Votre rôle ne permet pas d'ouvrir cette page."]
    assert not app.title and not app.dataframe


def test_an_agent_opening_the_manual_queue_directly_is_refused(world):
    app = as_member("pages/staff/queue.py", member(world, Role.AGENT))

    assert app.error[0].value == "Votre rôle ne permet pas d'ouvrir cette page."
    assert not app.title


@pytest.mark.parametrize("name", list(PAGES))
def test_every_staff_page_opened_without_signing_in_asks_to_sign_in(world, name):
    app = as_member(f"pages/staff/{name}.py", None)

    assert "réservée au personnel de la Caf" in app.warning[0].value
    assert not app.title


def test_a_role_lowered_in_the_database_applies_on_the_next_click(world):
    app = signed_in(world, Role.ADMIN)
    with session_scope() as session:
        session.scalars(
            sa.select(StaffUser).where(StaffUser.email == world.accounts[Role.ADMIN])
        ).one().role = Role.GCA

    app.switch_page("pages/staff/journal.py").run()

    assert app.error[0].value == "Votre rôle ne permet pas d'ouvrir cette page."
    assert not app.title


def test_a_wrong_password_is_refused_and_five_lock_the_account(world):
    app = portal()
    app.switch_page(SIGN_IN).run()
    for _ in range(4):
        submit_sign_in(app, world.accounts[Role.GCA], "pas-le-bon-mot-de-passe")
        assert app.error[0].value == "Adresse électronique ou mot de passe incorrect."

    submit_sign_in(app, world.accounts[Role.GCA], "pas-le-bon-mot-de-passe")
    assert "Compte verrouillé pendant 15 minutes après 5 essais infructueux" in app.error[0].value
    submit_sign_in(app, world.accounts[Role.GCA], builders.PASSWORD)
    assert "Compte verrouillé" in app.error[0].value
    assert app.title[0].value == "Espace Caf : connexion"


def test_after_30_idle_minutes_the_next_click_signs_out_with_a_message(world):
    app = signed_in(world, Role.GCA)
    app.session_state[access.LAST_ACTIVITY] = utcnow() - timedelta(minutes=31)

    app.switch_page("pages/staff/queue.py").run()

    assert app.title[0].value == "Espace Caf : connexion"
    assert "30 minutes sans action" in app.info[0].value
    assert registered(app) == PARTNER_PAGES | {SIGN_IN}
    with session_scope() as session:
        assert (
            session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "auth.timeout"))
            == 1
        )


def test_signing_out_removes_the_caf_section_and_is_journaled(world):
    app = signed_in(world, Role.GCA)
    app.switch_page(SIGN_IN).run()
    assert app.title[0].value == "Mon compte"

    next(b for b in app.button if b.label == "Se déconnecter").click().run()

    assert registered(app) == PARTNER_PAGES | {SIGN_IN}
    with session_scope() as session:
        actions = list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["auth.sign_in", "auth.sign_out"]
