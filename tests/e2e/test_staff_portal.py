"""The staff portal in Chromium: a GCA resolves a case that then leaves the queue and shows in
the journal; a session survives a reload and its cookie cannot be read by scripts."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry
from cmg_core.db.session import dispose_all, session_scope
from tests import builders
from tests.e2e.portal import running_portal
from tests.e2e.staff_portal import demo_database, open_sign_in, open_staff, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_portal(chromium_path: str) -> Iterator[tuple[str, builders.World]]:
    """The real portal on a demo database prepared for this module."""
    with (
        tempfile.TemporaryDirectory() as folder,
        demo_database(Path(folder)) as world,
        running_portal() as url,
    ):
        yield url, world


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    yield page
    page.close()


def test_a_gca_resolves_a_case_which_leaves_the_queue_and_is_journaled(staff_portal, page):
    url, world = staff_portal
    open_sign_in(page, url)
    sign_in(page, world.accounts[Role.GCA], builders.PASSWORD)
    page.get_by_role("heading", name="Tableau de bord").first.wait_for()
    open_staff(page, "File manuelle")
    chooser = page.get_by_test_id("stSelectbox").filter(has_text="Dossier à ouvrir")
    case_id = int(re.search(r"N° (\d+) ·", chooser.locator("input").input_value()).group(1))
    count = len(world.queue)
    page.get_by_text(f"{count} dossiers, du plus ancien").wait_for()

    page.get_by_role("button", name="Prendre en charge").click()
    page.get_by_text(f"Dossier n° {case_id} pris en charge").wait_for()
    page.get_by_label("Refusé").check(force=True)
    page.get_by_label("Commentaire (obligatoire pour un refus)").fill(
        "Enfant de plus de 6 ans : CMG non dû."
    )
    page.get_by_role("button", name="Résoudre").click()

    page.get_by_text(f"Dossier n° {case_id} (allocataire").wait_for()
    page.get_by_text(f"{count - 1} dossiers, du plus ancien").wait_for()
    assert not chooser.locator("input").input_value().startswith(f"N° {case_id} ·")
    dispose_all()
    with session_scope() as session:
        entry = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.action == "queue.resolve", AuditEntry.target_id == str(case_id)
            )
        ).one()
    assert entry.actor_email == world.accounts[Role.GCA]


def test_an_admin_finds_the_resolution_in_the_journal(staff_portal, page):
    url, world = staff_portal
    open_sign_in(page, url)
    sign_in(page, world.accounts[Role.ADMIN], builders.PASSWORD)
    page.get_by_role("heading", name="Tableau de bord").first.wait_for()
    open_staff(page, "Journal")

    page.get_by_test_id("stMultiSelect").filter(has_text="Actions").click()
    page.get_by_role("option", name="résolution d'un dossier").click()
    page.keyboard.press("Escape")
    page.get_by_text("1 action(s), les plus récentes d'abord").wait_for()


def test_a_bookmarked_page_survives_a_reload_and_a_new_browser_is_asked_to_sign_in(
    staff_portal, page, browser
):
    url, world = staff_portal
    open_sign_in(page, url, "/caf-depots")
    sign_in(page, world.accounts[Role.AGENT], builders.PASSWORD)
    page.get_by_role("heading", name="Dépôts").first.wait_for()
    assert page.url == f"{url}/caf-depots"

    page.reload()
    page.get_by_role("heading", name="Dépôts").first.wait_for()
    page.goto(f"{url}/caf-bilans")  # a link typed or bookmarked: still signed in
    page.get_by_role("heading", name="Bilans").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        open_sign_in(other, url, "/caf-depots")
        sign_in(other, world.accounts[Role.AGENT], builders.PASSWORD)
        other.get_by_role("heading", name="Dépôts").first.wait_for()
        assert other.url == f"{url}/caf-depots"
    finally:
        other.context.close()


def test_the_session_cookie_is_http_only_and_strict_same_site(staff_portal, page):
    url, world = staff_portal
    open_sign_in(page, url)
    sign_in(page, world.accounts[Role.AGENT], builders.PASSWORD)
    page.get_by_role("heading", name="Tableau de bord").first.wait_for()

    (cookie,) = [c for c in page.context.cookies() if c["name"] == "cmg_staff_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("cmg_staff_session") == -1
