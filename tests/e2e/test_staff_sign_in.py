"""Signing in to the staff portal in Chromium: the same answers for a known and an unknown
e-mail, delays that do not keep out a member of staff at another address (the address injected
through the trusted proxy's X-Forwarded-For), demo accounts refused outside demo mode."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from cmg_core.db.enums import Role
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.staff import accounts, auth
from tests import builders
from tests.e2e.portal import running_portal, wait_idle
from tests.e2e.staff_portal import demo_database, open_sign_in, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_portal(
    chromium_path: str, tmp_path_factory
) -> Iterator[tuple[str, builders.World, list]]:
    """A demo database; the demo set-up run on it once, then the portal started normally."""
    folder = tmp_path_factory.mktemp("portal")
    with demo_database(Path(folder)) as world:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CMG_DEMO", "1")
            with session_scope() as session:
                demo = accounts.ensure_demo_accounts(session)
        dispose_all()
        with running_portal(CMG_DEMO="0", CMG_TRUSTED_PROXIES="127.0.0.1") as url:
            yield url, world, demo


def page_from(browser, address: str):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, extra_http_headers={"X-Forwarded-For": address}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


COUNT_RUNS = """() => {
    if (window.cmgRuns === undefined) {
        window.cmgRuns = 0;
        const app = document.querySelector('[data-testid=stApp]');
        new MutationObserver((records) => {  // counts the script runs that ended
            records.forEach((r) => { if (r.oldValue === 'running') window.cmgRuns += 1; });
        }).observe(app, {attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    }
    return window.cmgRuns;
}"""


def attempt(page, email: str, password: str) -> str:
    """One sign-in; the message its own script run shows (not the previous attempt's)."""
    runs = page.evaluate(COUNT_RUNS)
    sign_in(page, email, password)
    try:
        page.wait_for_function(f"() => window.cmgRuns > {runs}", timeout=10_000)
    except PlaywrightTimeoutError:  # a click landing as a run ends can be dropped: click again
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_function(f"() => window.cmgRuns > {runs}")
    wait_idle(page)
    alert = page.get_by_test_id("stAlertContentError").first
    return alert.get_by_test_id("stMarkdownContainer").inner_text().strip()


def test_six_wrong_passwords_get_the_same_answers_for_a_known_and_an_unknown_email(
    staff_portal, browser
):
    url, world, _demo = staff_portal
    answers = {}
    for email, address in ((world.accounts[Role.AGENT], "192.0.2.1"),
                           ("personne@caf.fr", "192.0.2.2")):  # fmt: skip
        page = page_from(browser, address)
        try:
            open_sign_in(page, url)
            answers[email] = [
                re.sub(r"\d+ secondes?", "N secondes", attempt(page, email, f"faux-{i}"))
                for i in range(6)
            ]
        finally:
            page.context.close()

    known, unknown = answers.values()
    wrong = "Adresse électronique ou mot de passe incorrect."
    assert known[:3] == unknown[:3] == [wrong] * 3
    # The fourth failure waits 30 s: the next attempts come sooner, whatever the machine's load.
    assert (
        known[3:]
        == unknown[3:]
        == ["Trop d'essais infructueux depuis ce poste. Réessayez dans N secondes."] * 3
    )


def test_after_20_wrong_attempts_from_one_address_the_right_password_works_from_another(
    staff_portal, browser
):
    url, world, _demo = staff_portal
    email = world.accounts[Role.GCA]
    attacker = page_from(browser, "203.0.113.66")
    try:
        open_sign_in(attacker, url)
        for i in range(20):
            attempt(attacker, email, f"devine-{i}")
        assert "Trop d'essais" in attempt(attacker, email, builders.PASSWORD)
    finally:
        attacker.context.close()

    owner = page_from(browser, "198.51.100.20")
    try:
        open_sign_in(owner, url)
        sign_in(owner, email, builders.PASSWORD)
        owner.get_by_role("heading", name="Tableau de bord").first.wait_for()
    finally:
        owner.context.close()


def test_outside_demo_mode_a_demo_account_cannot_sign_in(staff_portal, browser):
    url, _world, demo = staff_portal
    email, _role, password = demo[2]  # the demo administrator
    page = page_from(browser, "192.0.2.30")
    try:
        open_sign_in(page, url)
        assert attempt(page, email, password) == "Adresse électronique ou mot de passe incorrect."
    finally:
        page.context.close()
    dispose_all()
    with session_scope() as session:
        assert not auth.find_user(session, email).active  # disabled when the portal started
