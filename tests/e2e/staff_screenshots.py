"""Screenshots of every staff page each role opens, at 1280 and 390 px, on demo data.

Run: `.venv/bin/python -m tests.e2e.staff_screenshots [OUT_DIR]` (default `screenshots/`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from cmg_core.db.enums import Role
from cmg_core.staff.roles import may_open
from pages.staff.menu import PAGES
from tests import builders
from tests.e2e.portal import ROOT, chromium, running_portal, wait_idle
from tests.e2e.staff_portal import demo_database, open_sign_in, sign_in

WIDTHS = (1280, 390)


def full_page(page, path: Path) -> None:
    """Streamlit scrolls inside its main block: grow the viewport to the content first."""
    wait_idle(page)
    page.wait_for_timeout(1200)
    height = page.evaluate(
        "() => Math.max(document.querySelector('[data-testid=stMain]')?.scrollHeight || 0, 900)"
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(height + 80, 8000)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        demo_database(Path(folder)) as world,  # sets the environment the portal inherits
        running_portal() as url,
        chromium("/usr/bin/chromium") as browser,
    ):
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_default_timeout(60_000)
            open_sign_in(page, url, "/caf-depots")
            full_page(page, out / f"connexion-{width}.png")
            page.close()
            for role in Role:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.set_default_timeout(60_000)
                open_sign_in(page, url)
                sign_in(page, world.accounts[role], builders.PASSWORD)
                page.get_by_role("heading", name="Tableau de bord").first.wait_for()
                for area, _file, title, _icon, path in PAGES:
                    if may_open(role, area):
                        page.goto(f"{url}/{path}")
                        page.get_by_role("heading", name=title).first.wait_for()
                        full_page(page, out / f"{role.value}-{path}-{width}.png")
                page.goto(f"{url}/connexion")
                page.get_by_role("heading", name="Mon compte").first.wait_for()
                full_page(page, out / f"{role.value}-mon-compte-{width}.png")
                page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
