"""No « Page not found » on any address of the portal, the first visit after a start included,
and the page served in French (`<html lang="fr">`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from pages.staff.menu import PAGES as STAFF_PAGES
from tests.e2e.portal import running_portal, wait_idle
from tests.e2e.staff_portal import demo_database

pytestmark = pytest.mark.browser
PARTNER_PATHS = {"/modeles": "Modèles vierges", "/pre-controle": "Pré-contrôle",
                 "/version-corrigee": "Version corrigée"}  # fmt: skip
SIGNED_OUT_HEADING = "Espace Caf : connexion"
STAFF_PATHS = {f"/{path}": SIGNED_OUT_HEADING for *_, path in STAFF_PAGES} | {
    "/connexion": SIGNED_OUT_HEADING
}


def opens_without_page_not_found(page, url: str, heading: str) -> None:
    page.goto(url)
    page.get_by_test_id("stMain").get_by_role("heading", name=heading).first.wait_for()
    wait_idle(page)
    page.wait_for_timeout(500)  # the notice, when sent, comes with the first messages
    assert page.get_by_text("Page not found").count() == 0, url
    assert page.get_by_role("dialog").count() == 0, url
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("first", ["/caf-depots", "/pre-controle"])
def test_the_first_visit_after_a_start_and_every_other_address_find_their_page(
    chromium_path, browser, first
):
    every = PARTNER_PATHS | STAFF_PATHS
    with (
        tempfile.TemporaryDirectory() as folder,
        demo_database(Path(folder)),
        running_portal() as url,
    ):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        try:
            opens_without_page_not_found(page, f"{url}{first}", every[first])
            for path, heading in every.items():
                opens_without_page_not_found(page, f"{url}{path}", heading)
        finally:
            page.close()
