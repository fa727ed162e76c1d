"""`partners list|add|update|deactivate|reactivate|import` on a seeded database: French answers,
bad input refused, every change in the staff journal."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.cli import main
from cmg_core.db.models import AuditEntry, Partner
from cmg_core.db.session import session_scope

GOOD = "73282932000074"
ADD = ["partners", "add", "--siret", "732 829 320 00074", "--name", "Micro-crèche Test",
       "--kind", "MC", "--convention", "CONV-493-2026-100", "--manager", "Hab@Test.example",
       "--convention-date", "01/02/2026"]  # fmt: skip


def _partner(url: str, siret: str = GOOD) -> Partner | None:
    with session_scope(url) as session:
        return session.scalars(sa.select(Partner).where(Partner.siret == siret)).first()


def _actions(url: str) -> list[str]:
    with session_scope(url) as session:
        return list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_list_prints_the_seeded_partners_with_their_sirets(database, capsys):
    assert main(["partners", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    with session_scope(database) as session:
        sirets = set(session.scalars(sa.select(Partner.siret)))
    assert len(sirets) == 20
    assert {line.split("\t")[0] for line in lines} == sirets
    assert "Micro-crèche Les Lucioles" in "\n".join(lines)


def test_add_records_the_partner_and_journals_it(database, capsys):
    assert main(ADD) == 0
    assert "Structure ajoutée : Micro-crèche Test" in capsys.readouterr().out
    partner = _partner(database)
    assert partner.manager_email == "hab@test.example" and partner.active
    assert partner.convention_signed_on.isoformat() == "2026-02-01"
    assert _actions(database) == ["partner.create"]


def test_a_bad_siret_is_refused_in_french_and_nothing_is_added(database, capsys):
    bad = [*ADD]
    bad[3] = "73282932000075"
    assert main(bad) == 2
    err = capsys.readouterr().err
    assert "Erreur : le SIRET « 73282932000075 » n'est pas valide" in err
    assert _partner(database, "73282932000075") is None


def test_la_poste_establishments_are_accepted(database, capsys):
    poste = [*ADD]
    poste[3] = "35600000049837"  # fails Luhn, digit sum a multiple of 5
    assert main(poste) == 0


def test_a_duplicate_siret_or_convention_is_refused(database, capsys):
    assert main(ADD) == 0
    assert main(ADD) == 2
    assert "existe déjà (Micro-crèche Test)" in capsys.readouterr().err
    other = [*ADD]
    other[3] = "35600000049837"
    assert main(other) == 2
    assert "la convention « CONV-493-2026-100 » est déjà celle de Micro-crèche Test" in (
        capsys.readouterr().err
    )


def test_update_changes_the_manager_and_journals_old_and_new(database, capsys):
    main(ADD)
    assert main(["partners", "update", GOOD, "--manager", "nouvelle@test.example"]) == 0
    assert "hab@test.example → nouvelle@test.example" in capsys.readouterr().out
    assert _partner(database).manager_email == "nouvelle@test.example"
    with session_scope(database) as session:
        entry = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "partner.update")
        ).one()
        assert "nouvelle@test.example" in entry.details["changes"]
    assert main(["partners", "update", GOOD, "--manager", "pas-une-adresse"]) == 2
    assert "n'est pas une adresse électronique valide" in capsys.readouterr().err


def test_update_of_an_unknown_siret_says_so(database, capsys):
    assert main(["partners", "update", "35600000049837", "--name", "X"]) == 2
    assert "aucune structure n'a le SIRET « 35600000049837 »" in capsys.readouterr().err


def test_deactivate_keeps_the_partner_and_can_be_undone(database, capsys):
    main(ADD)
    assert main(["partners", "deactivate", GOOD, "--reason", "fin de convention"]) == 0
    assert "Structure désactivée." in capsys.readouterr().out
    assert _partner(database).active is False
    assert main(["partners", "deactivate", GOOD]) == 0
    assert "déjà désactivée" in capsys.readouterr().out
    assert main(["partners", "reactivate", GOOD]) == 0
    assert _partner(database).active is True
    assert _actions(database) == ["partner.create", "partner.deactivate", "partner.reactivate"]
