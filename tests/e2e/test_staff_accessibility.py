"""axe-core on every staff page, signed in as an administrator, at 1280 and 390 px: no serious
or critical violation (charts carry a text alternative, Streamlit's phone menu is repaired)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmg_core.db.enums import Role
from pages.staff.menu import PAGES
from tests import builders
from tests.e2e.axe import violations
from tests.e2e.portal import running_portal, wait_idle
from tests.e2e.staff_portal import demo_database, open_sign_in, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_portal(chromium_path: str) -> Iterator[tuple[str, builders.World]]:
    with (
        tempfile.TemporaryDirectory() as folder,
        demo_database(Path(folder)) as world,
        running_portal() as url,
    ):
        yield url, world


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violation_on_any_staff_page(staff_portal, browser, width):
    url, world = staff_portal
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(60_000)
    try:
        open_sign_in(page, url)
        sign_in(page, world.accounts[Role.ADMIN], builders.PASSWORD)
        page.get_by_role("heading", name="Tableau de bord").first.wait_for()
        found = {}
        for _area, _file, title, _icon, path in PAGES:
            page.goto(f"{url}/{path}")
            page.get_by_role("heading", name=title).first.wait_for()
            wait_idle(page)
            page.wait_for_timeout(1000)  # charts and components draw after the run
            found[path] = violations(page)
    finally:
        page.close()

    assert {path: lines for path, lines in found.items() if lines} == {}
