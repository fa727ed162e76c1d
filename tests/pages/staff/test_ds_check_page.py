"""The Automate page's DS readiness: the last `ds check` report, and a button that runs it
against a DS sandbox over real HTTP."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import DsCheck
from cmg_core.db.session import session_scope
from cmg_core.db.types import utcnow
from cmg_core.ds.sandbox import Sandbox
from tests.pages.conftest import texts
from tests.pages.staff.conftest import as_member, member

PAGE = "pages/staff/runs.py"


def test_without_a_check_the_page_says_none_was_recorded(world, browser):
    app = as_member(PAGE, member(world, Role.ADMIN), browser)
    assert "Aucune vérification enregistrée pour l'instant." in texts(app)


def test_the_last_report_shows_its_verdict_problems_and_warnings(world, browser):
    with session_scope() as session:
        session.add(DsCheck(checked_at=utcnow(), ds_url="https://demarche.numerique.gouv.fr",
                            exit_code=1, lines=[
            ["ok", "DS visé : le DS réel (https://demarche.numerique.gouv.fr)."],
            ["problem", "Démarche 987654 (CMG_DEMARCHE_MC) : introuvable sur DS."],
            ["warning", "Le champ « Mois » s'appelle désormais « Mois de garde »."],
        ]))  # fmt: skip
    app = as_member(PAGE, member(world, Role.ADMIN), browser)
    assert [e.value for e in app.error] == ["Pas prêt : 1 problème à régler."]
    shown = texts(app)
    assert "Démarche 987654 (CMG\\_DEMARCHE\\_MC) : introuvable sur DS." in shown
    assert "Mois de garde" in shown


def test_the_button_runs_the_check_against_the_configured_ds_and_keeps_it(
    world, browser, tmp_path, monkeypatch
):
    with Sandbox(tmp_path / "ds.db", shuffle_ids=True) as sandbox:
        monkeypatch.setenv("CMG_DS_URL", sandbox.url)
        app = as_member(PAGE, member(world, Role.ADMIN), browser)
        app.button(key="ds_check_start").click().run()
    assert [s.value for s in app.success] == ["Prêt : le back office peut travailler avec ce DS."]
    with session_scope() as session:
        stored = session.scalars(sa.select(DsCheck)).one()
    assert stored.exit_code == 0 and stored.ds_url == sandbox.url
