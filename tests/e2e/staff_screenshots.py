"""Screenshots of each staff page at 1280 px, signed in as an administrator on demo data.

Run: `.venv/bin/python -m tests.e2e.staff_screenshots [OUT_DIR]` (default `screenshots/`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from cmg_core.db.enums import Role
from tests import builders
from tests.e2e.portal import ROOT, chromium, running_portal
from tests.e2e.screenshots import full_page
from tests.e2e.staff_portal import demo_database, open_sign_in, open_staff, sign_in

PAGES = {
    "caf-tableau-de-bord": "Tableau de bord",
    "caf-depots": "Dépôts",
    "caf-bilans": "Bilans",
    "caf-file-manuelle": "File manuelle",
    "caf-habilitations": "Habilitations",
    "caf-partenaires": "Partenaires",
    "caf-automate": "Automate",
    "caf-courriels": "Courriels",
    "caf-comptes": "Comptes",
    "caf-journal": "Journal",
    "caf-mon-compte": "Mon compte",
}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        demo_database(Path(folder)) as world,  # sets the environment the portal inherits
        running_portal() as url,
        chromium("/usr/bin/chromium") as browser,
    ):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        open_sign_in(page, url)
        full_page(page, out / "caf-connexion.png")
        page.set_viewport_size({"width": 1280, "height": 900})
        sign_in(page, world.accounts[Role.ADMIN], builders.PASSWORD)
        page.get_by_role("heading", name="Tableau de bord").first.wait_for()
        for slug, title in PAGES.items():
            open_staff(page, title)
            page.wait_for_timeout(1500)
            full_page(page, out / f"{slug}.png")
            page.set_viewport_size({"width": 1280, "height": 900})


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
