"""Screenshots of each partner page, before and after an upload, at 1280 px and 390 px.

Run: `.venv/bin/python -m tests.e2e.screenshots [OUT_DIR]` (default `screenshots/`, git-ignored).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from tests.e2e.portal import ROOT, chromium, open_nav, running_portal
from tests.pages.partner_files import faulty_mc, valid_mc

WIDTHS = {"desktop": 1280, "phone": 390}
PAGES = {
    "modeles": "Modèles vierges",
    "pre-controle": "Pré-contrôle",
    "version-corrigee": "Version corrigée",
}


def full_page(page, path: Path) -> None:
    """Streamlit scrolls inside its main block: grow the viewport to the content first."""
    page.get_by_text("ni enregistrés ni transmis").wait_for()
    page.wait_for_timeout(800)
    height = page.evaluate(
        "() => Math.max(document.querySelector('[data-testid=stMain]')?.scrollHeight || 0, 900)"
    )
    page.set_viewport_size(
        {"width": page.viewport_size["width"], "height": min(height + 80, 12000)}
    )
    page.wait_for_timeout(600)
    page.screenshot(path=str(path), full_page=True)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        running_portal() as url,
        chromium("/usr/bin/chromium") as browser,
    ):
        faulty = Path(folder) / "mars.xlsx"
        faulty.write_bytes(faulty_mc())
        extra = {"valid": (Path(folder) / "avril.xlsx", "Prêt à déposer")}
        extra["csv"] = (Path(folder) / "mai.csv", "À corriger avant le dépôt")
        extra["valid"][0].write_bytes(valid_mc())
        extra["csv"][0].write_bytes(b"MOIS CONCERNE (MM/AAAA);NUMERO ALLOCATAIRE\n")
        for device, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_default_timeout(60_000)
            page.goto(url)
            for slug, title in PAGES.items():
                try:
                    open_nav(page, title)
                except Exception:
                    page.screenshot(path=str(out / "failure.png"))
                    raise
                full_page(page, out / f"{slug}-{device}.png")
                if slug == "pre-controle":
                    page.locator("input[type=file]").set_input_files(str(faulty))
                    page.get_by_text("À corriger avant le dépôt").wait_for()
                    full_page(page, out / f"{slug}-{device}-after-upload.png")
                    for name, (path, verdict) in extra.items():
                        page.set_viewport_size({"width": width, "height": 900})
                        page.locator("input[type=file]").set_input_files(str(path))
                        page.get_by_text(path.name).first.wait_for()
                        page.get_by_text(verdict).first.wait_for()
                        full_page(page, out / f"{slug}-{device}-{name}.png")
                    page.locator("input[type=file]").set_input_files(str(faulty))
                    page.get_by_text("mars.xlsx").first.wait_for()
                if slug == "version-corrigee":
                    page.get_by_text(re.compile(r"^\d+ corrections? faites?$")).wait_for()
                    full_page(page, out / f"{slug}-{device}-after-upload.png")
                page.set_viewport_size({"width": width, "height": 900})
            page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
