"""Staff page fixtures: a migrated SQLite file with demo data, and the portal signed in.

AppTest plays the page scripts but not the browser, so `browser` plays the browser's part:
it keeps the session cookie (which the pages read through `access._cookie`) and follows the
pages' redirections to the real session routes of `web.staff_session`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import streamlit as st
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from cmg_core.db import migrate
from cmg_core.db.enums import Role
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.staff import auth, sessions
from cmg_core.staff.auth import SignedIn
from cmg_core.storage import FolderStorage
from pages.staff import access
from pages.widgets import redirect
from tests import builders
from tests.pages.conftest import ROOT, RUN_TIMEOUT
from web import staff_session

SIGN_IN = "pages/staff/signin.py"
SECRET = "a-test-key-of-at-least-thirty-two-characters"
PAGES = {
    "dashboard": "Tableau de bord",
    "deposits": "Dépôts",
    "bilans": "Bilans",
    "queue": "File manuelle",
    "habilitations": "Habilitations",
    "partners": "Partenaires",
    "runs": "Automate",
    "mail": "Courriels",
    "accounts": "Comptes",
    "journal": "Journal",
}
ADMIN_ONLY = ("habilitations", "partners", "runs", "mail", "accounts", "journal")
PAGE_FILES = {f"/{path}": f"pages/staff/{file}" for _a, file, _t, _i, path in access.menu.PAGES}


@dataclass
class Browser:
    """The cookie jar and the address bar of one browser."""

    cookie: str | None = None
    redirects: list[str] = field(default_factory=list)

    def follow(self) -> str:
        """Load the last address a page sent the browser to; the path it lands on."""
        client = TestClient(Starlette(routes=staff_session.ROUTES), base_url="http://portail")
        response = client.get(self.redirects.pop(), follow_redirects=False)
        if sessions.COOKIE_NAME in response.cookies:
            self.cookie = response.cookies[sessions.COOKIE_NAME]
        elif "set-cookie" in response.headers:  # a deleted cookie comes back empty
            self.cookie = None
        return urlsplit(response.headers["location"]).path


@pytest.fixture(autouse=True)
def browser(monkeypatch) -> Browser:
    jar = Browser()

    def go(url: str) -> None:
        jar.redirects.append(url)
        st.stop()

    monkeypatch.setattr(access, "_cookie", lambda: jar.cookie)
    monkeypatch.setattr(redirect, "go", go)
    monkeypatch.setenv("CMG_SESSION_SECRET", SECRET)
    return jar


@pytest.fixture
def world(tmp_path, monkeypatch) -> Iterator[builders.World]:
    """A demo database (partners, deposits, queue, bilans, runs) and one account per role."""
    url = f"sqlite:///{tmp_path / 'cmg.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CMG_STORAGE_DIR", str(tmp_path / "storage"))
    migrate.upgrade(url)
    with session_scope() as session:
        built = builders.demo_world(session, FolderStorage(tmp_path / "storage"), date.today())
    yield built
    dispose_all()


def portal() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT).run()


def submit_sign_in(app: AppTest, email: str, password: str) -> AppTest:
    app.text_input(key="sign_in_email").input(email)
    app.text_input(key="sign_in_password").input(password)
    next(b for b in app.button if b.label == "Se connecter").click()
    return app.run()


def land(app: AppTest, browser: Browser) -> AppTest:
    """Follow the page's redirection, then show the page it lands on (a new browser page)."""
    path = browser.follow()
    app = portal()
    if path in PAGE_FILES:
        app.switch_page(PAGE_FILES[path]).run()
    elif path == "/connexion":
        app.switch_page(SIGN_IN).run()
    return app


def signed_in(world: builders.World, role: Role, browser: Browser) -> AppTest:
    """The portal after signing in through the form as the demo account of `role`."""
    app = portal()
    app.switch_page(SIGN_IN).run()
    app = submit_sign_in(app, world.accounts[role], builders.PASSWORD)
    return land(app, browser)


def registered(app: AppTest) -> set[str]:
    """The page files the navigation of the last run offered (visible or hidden)."""
    return {
        str(Path(info["script_path"]).relative_to(ROOT)) for info in app._registered_pages.values()
    }


def cookie_for(who: SignedIn) -> str:
    """A session cookie as the session route would have set it for `who`."""
    with session_scope() as session:
        ticket = sessions.open_session(session, who, "password")
        return sessions.exchange_ticket(session, ticket)


def as_member(page: str, who: SignedIn | None, browser: Browser) -> AppTest:
    """One staff page run on its own (as if opened by URL), for a given signed-in member."""
    browser.cookie = None if who is None else cookie_for(who)
    return AppTest.from_file(str(ROOT / page), default_timeout=RUN_TIMEOUT).run()


def member(world: builders.World, role: Role) -> SignedIn:
    with session_scope() as session:
        return auth.signed_in(auth.find_user(session, world.accounts[role]))
