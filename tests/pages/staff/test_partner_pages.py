"""Partenaires and Courriels: an admin adds, changes, deactivates and imports partners from the
page (French refusals, every change journaled, the new gestionnaire mailed through the outbox),
and reads the outbox."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.enums import MailKind, Role
from cmg_core.db.models import AuditEntry, OutboxMessage, Partner
from cmg_core.db.session import session_scope
from tests.pages.conftest import texts
from tests.pages.staff.conftest import as_member, member

PAGE = "pages/staff/partners.py"


def _fill(app, values: dict[str, str], prefix: str = "partners_add"):
    for key, value in values.items():
        app.text_input(key=f"{prefix}_{key}").input(value)
    return app


def _partner(siret: str) -> Partner | None:
    with session_scope() as session:
        return session.scalars(sa.select(Partner).where(Partner.siret == siret)).first()


def _submit(app, label: str):
    next(b for b in app.button if b.label == label).click()
    return app.run()


NEW = {"siret": "732 829 320 00074", "name": "Micro-crèche Les Écureuils",
       "ref": "CONV-493-2026-200", "signed": "15/03/2026", "manager": "hab@ecureuils.example",
       "commune": "Angers", "postcode": "49000"}  # fmt: skip


def test_an_admin_adds_a_partner_and_its_manager_is_mailed(world, browser):
    app = as_member(PAGE, member(world, Role.ADMIN), browser)
    app = _submit(_fill(app, NEW), "Ajouter la structure")

    partner = _partner("73282932000074")
    assert partner is not None and partner.manager_email == "hab@ecureuils.example"
    assert "Micro-crèche Les Écureuils est ajoutée" in texts(app)
    with session_scope() as session:
        mail = session.scalars(sa.select(OutboxMessage)).one()
        assert mail.kind is MailKind.PARTNER_WELCOME and mail.recipient == partner.manager_email
        assert session.scalar(
            sa.select(sa.func.count()).where(AuditEntry.action == "partner.create")
        )


def test_a_bad_siret_is_refused_with_a_french_message_and_nothing_added(world, browser):
    app = as_member(PAGE, member(world, Role.ADMIN), browser)
    app = _submit(_fill(app, {**NEW, "siret": "73282932000075"}), "Ajouter la structure")

    assert _partner("73282932000075") is None
    assert "La structure n'est pas ajoutée : le SIRET « 73282932000075 » n'est pas valide" in (
        " ".join(e.value for e in app.error)
    )


def test_an_admin_changes_the_manager_then_deactivates_the_partner(world, browser):
    with session_scope() as session:
        partner = session.scalars(sa.select(Partner).order_by(Partner.id)).first()
        siret, name = partner.siret, partner.name
    app = as_member(PAGE, member(world, Role.ADMIN), browser)
    app.selectbox(key="partners_chosen").set_value(siret).run()
    app.text_input(key=f"partners_change_{siret}_manager").input("nouveau@example.org")
    app = _submit(app, "Enregistrer les modifications")
    assert _partner(siret).manager_email == "nouveau@example.org"
    assert "gestionnaire des habilitations" in texts(app) and "nouveau@example.org" in texts(app)

    app.text_input(key=f"partners_reason_{siret}").input("fin de convention")
    app = _submit(app, "Désactiver la structure")
    assert _partner(siret).active is False
    assert f"{name} est désactivée." in texts(app).replace("\\", "")
    with session_scope() as session:
        actions = session.scalars(
            sa.select(AuditEntry.action)
            .where(AuditEntry.action.like("partner.%"))
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["partner.update", "partner.deactivate"]


def test_the_courriels_page_lists_the_outbox(world, browser):
    app = as_member(PAGE, member(world, Role.ADMIN), browser)
    _submit(_fill(app, NEW), "Ajouter la structure")
    app = as_member("pages/staff/mail.py", member(world, Role.ADMIN), browser)

    table = app.dataframe[0].value
    assert list(table["Destinataire"]) == ["hab@ecureuils.example"]
    assert list(table["État"]) == ["à envoyer"]
    assert table["Objet"][0].startswith("Attestations CMG : désignez les personnes habilitées")
    assert {m.label: m.value for m in app.metric}["À envoyer"] == "1"
