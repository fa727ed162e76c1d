"""Dashboard, deposits, bilans, automate and journal: what an agent or an admin reads there."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry, Deposit, Partner
from cmg_core.db.session import session_scope
from cmg_core.staff import dashboards
from tests.pages.conftest import texts
from tests.pages.staff.conftest import signed_in


def open_as(world, role, name, browser):
    app = signed_in(world, role, browser)
    return app.switch_page(f"pages/staff/{name}.py").run()


def journaled(action: str) -> int:
    with session_scope() as session:
        return session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == action))


def test_the_dashboard_counts_the_last_month_and_draws_four_charts(world, browser):
    app = signed_in(world, Role.AGENT, browser)

    values = {m.label: m.value for m in app.metric}
    assert values["Structures ayant déposé"] == "3 / 5"
    assert values["Valides du premier coup"] == "67 %"  # one first file of three was refused
    assert len(app.get("vega_lite_chart")) == 4
    tables = [e for e in app.get("expander") if e.label.endswith("le tableau des chiffres")]
    assert len(tables) == 4  # each chart's text alternative
    months = list(tables[0].dataframe[0].value.index)
    assert months == [m.label() for m in dashboards.recent_months(12)]  # « mars 2026 », in order


def test_the_deposits_matrix_marks_filed_corrected_and_late_partners(world, browser):
    app = open_as(world, Role.AGENT, "deposits", browser)

    table = app.dataframe[0].value.set_index("Structure")
    last = world.months[-1].label()
    assert table.loc["Les Petits Pas", last] == "déposé"
    assert table.loc["Micro-crèche Les Lucioles", last] == "corrigé"
    assert table.loc["Aide & Garde 49", last] in {"manquant", "en retard"}
    assert "10 du mois qui suit" in texts(app)


def test_the_deposits_csv_has_a_bom_semicolons_neutralised_text_and_is_journaled(
    world, downloads, browser
):
    app = open_as(world, Role.AGENT, "deposits", browser)
    export = next(b for b in app.get("download_button") if b.label == "Exporter en CSV")

    name, data = downloads.of(export)
    assert name.endswith(".csv")
    assert data.startswith("\ufeff".encode())
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Structure;SIRET;Type;")
    export.click().run()
    assert journaled("export.deposits") == 1


def test_the_deposit_detail_shows_ds_state_lines_and_their_outcome(world, browser):
    app = open_as(world, Role.AGENT, "deposits", browser)

    assert any(b.label.startswith("Ouvrir le dossier") for b in app.get("link_button"))
    assert "Devenir" in app.dataframe[-1].value.columns


def test_bilans_are_found_by_name_and_downloaded_as_pdf_and_xlsx(world, downloads, browser):
    app = open_as(world, Role.AGENT, "bilans", browser)
    app.text_input(key="bilans_search").input("Bébé").run()

    assert set(app.dataframe[0].value["Structure"]) == {"Bébé Câlin"}
    assert any(m.value.startswith("**Résultat :** lignes reçues : ") for m in app.markdown)
    buttons = {b.label: b for b in app.get("download_button")}
    name, data = downloads.of(buttons["Télécharger le PDF"])
    assert name.endswith(".pdf") and data.startswith(b"%PDF")
    assert downloads.of(buttons["Télécharger le classeur Excel"])[0].endswith(".xlsx")


def test_the_automate_page_shows_last_runs_failures_and_sync_state(world, browser):
    app = open_as(world, Role.ADMIN, "runs", browser)

    recent = app.dataframe[-1].value
    assert "en échec" in set(recent["Résultat"])
    assert "Délai dépassé en parlant à DS" in set(recent["Erreur"])
    sync = app.dataframe[1].value
    assert len(sync) == 3


def test_the_journal_lists_sign_ins_with_who_and_what(world, browser):
    app = open_as(world, Role.ADMIN, "journal", browser)

    table = app.dataframe[0].value
    assert "connexion" in set(table["Action"])
    assert world.accounts[Role.ADMIN] in set(table["Auteur"])


def test_the_habilitations_page_lists_authorised_and_removed_people_with_history(world, browser):
    app = open_as(world, Role.ADMIN, "habilitations", browser)
    app.selectbox(key="habilitations_partner").set_value(world.partners[0].id).run()

    people = app.dataframe[1].value
    assert set(people["État"]) == {"habilitée", "retirée"}
    assert set(app.dataframe[2].value["Opération"]) == {"ajout", "suppression"}


def test_an_admin_runs_one_stage_now_and_the_run_is_recorded_and_journaled(world, browser):
    from cmg_core.db.models import Run

    with session_scope() as session:
        before = session.scalar(sa.select(sa.func.count()).where(Run.stage == "notify"))
    app = open_as(world, Role.ADMIN, "runs", browser)
    app.selectbox(key="runs_stage").set_value("notify").run()
    app.button(key="runs_start").click().run()

    assert "Exécution terminée." in texts(app)
    with session_scope() as session:
        runs = session.scalars(sa.select(Run).where(Run.stage == "notify")).all()
    assert len(runs) == before + 1 and runs[-1].status == "succeeded"
    assert journaled("run.start") == 1


def test_the_deposit_chooser_always_names_the_deposit_shown_even_after_a_search(world, browser):
    app = open_as(world, Role.AGENT, "deposits", browser)
    chooser = next(s for s in app.selectbox if s.label == "Dépôt")
    with session_scope() as session:
        other = session.scalars(
            sa.select(Deposit.id).join(Partner).where(Partner.name == "Les Petits Pas")
        ).first()
    app.session_state[chooser.key] = other  # as if chosen in the list
    app.run()
    assert app.subheader[0].value.startswith("Les Petits Pas · ")

    app.text_input(key="deposits_search").input("Lucioles").run()

    chooser = next(s for s in app.selectbox if s.label == "Dépôt")
    assert all("Lucioles" in option for option in chooser.options)
    # The filters started the choice afresh: the first deposit, named as the detail below.
    assert app.subheader[0].value == " · ".join(chooser.options[0].split(" · ")[:2])
