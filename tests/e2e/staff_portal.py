"""Helpers for the staff portal in a real browser: a demo database, signing in, the Caf menu."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from cmg_core.db import migrate
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.storage import FolderStorage
from tests import builders

CAF_SECTION = "Espace Caf"


@contextmanager
def demo_database(folder: Path) -> Iterator[builders.World]:
    """DATABASE_URL and CMG_STORAGE_DIR pointed at a fresh demo database for the portal
    started inside the block (it inherits the environment); both restored afterwards."""
    saved = {name: os.environ.get(name) for name in ("DATABASE_URL", "CMG_STORAGE_DIR")}
    url = f"sqlite:///{folder / 'cmg.db'}"
    os.environ["DATABASE_URL"], os.environ["CMG_STORAGE_DIR"] = url, str(folder / "storage")
    try:
        migrate.upgrade(url)
        with session_scope() as session:
            world = builders.demo_world(session, FolderStorage(folder / "storage"), date.today())
        dispose_all()
        yield world
    finally:
        dispose_all()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def open_sign_in(page, base_url: str, path: str = "/connexion") -> None:
    """Open a page by its address (the sign-in form shows when not signed in)."""
    page.goto(f"{base_url}{path}")
    page.get_by_role("heading", name="Espace Caf : connexion").wait_for()


def sign_in(page, email: str, password: str) -> None:
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def open_staff(page, title: str) -> None:
    """Follow the Caf menu to a staff page, as a person does (a new URL is a new session)."""
    page.get_by_test_id("stTopNavSection").filter(has_text=CAF_SECTION).click()
    page.get_by_test_id("stTopNavDropdownLink").filter(has_text=title).first.click()
    page.get_by_role("heading", name=title).first.wait_for()
    page.wait_for_timeout(800)
