"""Staff page fixtures: a migrated SQLite file with demo data, and the portal signed in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cmg_core.db import migrate
from cmg_core.db.enums import Role
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.db.types import utcnow
from cmg_core.staff import auth
from cmg_core.staff.auth import SignedIn
from cmg_core.storage import FolderStorage
from pages.staff import access
from tests.pages.conftest import ROOT, RUN_TIMEOUT
from tests.staff import builders

SIGN_IN = "pages/staff/signin.py"
PAGES = {
    "dashboard": "Tableau de bord",
    "deposits": "Dépôts",
    "bilans": "Bilans",
    "queue": "File manuelle",
    "habilitations": "Habilitations",
    "runs": "Automate",
    "accounts": "Comptes",
    "journal": "Journal",
}
ADMIN_ONLY = ("habilitations", "runs", "accounts", "journal")


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


def signed_in(world: builders.World, role: Role) -> AppTest:
    """The portal after signing in through the form as the demo account of `role`."""
    app = portal()
    app.switch_page(SIGN_IN).run()
    return submit_sign_in(app, world.accounts[role], builders.PASSWORD)


def registered(app: AppTest) -> set[str]:
    """The page files the navigation of the last run offered (visible or hidden)."""
    return {
        str(Path(info["script_path"]).relative_to(ROOT)) for info in app._registered_pages.values()
    }


def as_member(page: str, who: SignedIn | None) -> AppTest:
    """One staff page run on its own (as if opened by URL), for a given signed-in member."""
    app = AppTest.from_file(str(ROOT / page), default_timeout=RUN_TIMEOUT)
    if who is not None:
        app.session_state[access.WHO] = who
        app.session_state[access.LAST_ACTIVITY] = utcnow()
    return app.run()


def member(world: builders.World, role: Role) -> SignedIn:
    with session_scope() as session:
        return auth.signed_in(auth.find_user(session, world.accounts[role]))
