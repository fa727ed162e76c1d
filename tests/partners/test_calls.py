"""The monthly call and the reminders: who is written to (active partners that have not filed
the month: gestionnaire and habilitated people), once; elapsed months only; the dry run writes
nothing; the deadline day is a setting, shared with the Dépôts page."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from cmg_core.cli import main
from cmg_core.db.enums import DepositStatus, MailKind
from cmg_core.db.models import Deposit, DsDossier, Habilitation, OutboxMessage, Partner
from cmg_core.db.session import session_scope
from cmg_core.partners import calls, deadline
from cmg_core.staff.deposits import Cell, cell_for
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

OCTOBER = Month(2026, 10)


def _deposit(session, partner: Partner, status: DepositStatus, month: Month = OCTOBER) -> None:
    dossier = DsDossier(ds_id=f"D-{partner.id}-{status}", number=partner.id * 100,
                        demarche_number=1002, state="en_instruction",
                        ds_updated_at=datetime(2026, 11, 3, tzinfo=UTC))  # fmt: skip
    session.add(dossier)
    session.flush()
    session.add(Deposit(dossier_id=dossier.id, partner_id=partner.id, siret=partner.siret,
                        template=TemplateCode(partner.kind), month=month, file_key="k",
                        file_sha256=f"{partner.id}{status}", status=status,
                        is_current=True))  # fmt: skip


def _setup(url) -> dict[str, Partner]:
    """Of the 20 seeded partners: two filed October (accepted, processed), one was sent back
    for correction, one is deactivated."""
    with session_scope(url) as session:
        partners = session.scalars(sa.select(Partner).order_by(Partner.id)).all()
        _deposit(session, partners[0], DepositStatus.ACCEPTED)
        _deposit(session, partners[1], DepositStatus.PROCESSED)
        _deposit(session, partners[2], DepositStatus.CORRECTION_REQUESTED)
        partners[3].active = False
        return {"accepted": partners[0], "corrected": partners[2], "inactive": partners[3]}


def _outbox(url, kind: MailKind) -> list[OutboxMessage]:
    with session_scope(url) as session:
        return list(session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)))


def test_the_campaign_calls_every_active_partner_that_has_not_filed_once(database):
    named = _setup(database)
    with session_scope(database) as session:
        result = calls.campaign(session, OCTOBER, date(2026, 11, 2))
        filed = deadline.filed_partner_ids(session, OCTOBER)
        expected = sum(
            len(calls.recipients(session, p))
            for p in session.scalars(sa.select(Partner).where(Partner.active.is_(True)))
            if p.id not in filed
        )
        manager = named["corrected"].manager_email
    assert len(filed) == 2 and result.partners == 17  # 20 less two filed, one deactivated
    assert result.written == expected
    rows = _outbox(database, MailKind.CAMPAIGN)
    assert len(rows) == expected
    assert manager in {r.recipient for r in rows}  # sent back for correction: not filed
    assert all(r.month == OCTOBER for r in rows)
    assert rows[0].subject.startswith("Attestations CMG du mois d'octobre 2026 : le fichier de")
    assert "au plus tard le 10 novembre 2026" in rows[0].body_text
    with session_scope(database) as session:
        again = calls.campaign(session, OCTOBER, date(2026, 11, 3))
    assert again.written == 0 and len(_outbox(database, MailKind.CAMPAIGN)) == expected


def test_a_person_habilitated_after_the_call_gets_it_on_the_next_one(database):
    _setup(database)
    with session_scope(database) as session:
        calls.campaign(session, OCTOBER, date(2026, 11, 2))
        partner = session.scalars(sa.select(Partner).where(Partner.active.is_(True))
                                  .order_by(Partner.id.desc())).first()  # fmt: skip
        session.add(Habilitation(partner_id=partner.id, email="nouvelle@x.example"))
    with session_scope(database) as session:
        again = calls.campaign(session, OCTOBER, date(2026, 11, 3))
    assert again.written == 1


def test_the_dry_run_lists_and_records_nothing(database, capsys):
    _setup(database)
    assert main(["campaign", "--month", "10/2026", "--dry-run", "--today", "2026-11-02"]) == 0
    out = capsys.readouterr().out
    assert "Simulation : 17 structures n'ont pas déposé le mois d'octobre 2026" in out
    assert len(out.strip().splitlines()) == 18
    assert _outbox(database, MailKind.CAMPAIGN) == []


def test_the_command_twice_sends_nothing_new(database, capsys):
    _setup(database)
    assert main(["campaign", "--month", "10/2026", "--today", "2026-11-02"]) == 0
    assert main(["campaign", "--month", "10/2026", "--today", "2026-11-02"]) == 0
    assert "0 nouveau courriel mis en file d'envoi" in capsys.readouterr().out


def test_a_month_not_elapsed_is_refused_in_french(database, capsys):
    assert main(["campaign", "--month", "11/2026", "--today", "2026-11-30"]) == 2
    assert "le mois de novembre 2026 n'est pas encore échu" in capsys.readouterr().err
    assert main(["campaign", "--month", "novembre"]) == 2
    assert "n'est pas un mois MM/AAAA" in capsys.readouterr().err


def test_reminders_start_the_day_after_the_deadline_once_per_partner_and_month(database):
    named = _setup(database)
    with session_scope(database) as session:
        before = calls.reminders(session, date(2026, 11, 10))
    assert before.month == Month(2026, 9)  # October not late yet: September is the month
    with session_scope(database) as session:
        after = calls.reminders(session, date(2026, 11, 11))
        again = calls.reminders(session, date(2026, 11, 20))
    assert after.month == OCTOBER and after.partners == 17 and again.written == 0
    rows = [r for r in _outbox(database, MailKind.REMINDER) if r.month == OCTOBER]
    assert len(rows) == after.written
    assert named["accepted"].id not in {r.partner_id for r in rows}
    assert rows[0].subject.startswith("Relance : fichier CMG du mois d'octobre 2026 non reçu")


def test_the_deadline_day_is_a_setting_used_by_the_depots_page_too(monkeypatch):
    assert deadline.deadline(OCTOBER) == date(2026, 11, 10)
    assert cell_for(None, OCTOBER, date(2026, 11, 10)) is Cell.MISSING
    assert cell_for(None, OCTOBER, date(2026, 11, 11)) is Cell.LATE
    monkeypatch.setenv("CMG_DEPOSIT_DEADLINE_DAY", "15")
    assert deadline.deadline(OCTOBER) == date(2026, 11, 15)
    assert cell_for(None, OCTOBER, date(2026, 11, 11)) is Cell.MISSING
    assert "le 15 du mois qui suit" in deadline.late_rule()
    assert calls.reminded_month(date(2026, 11, 14)) == Month(2026, 9)


@pytest.mark.parametrize("day", ["0", "31"])
def test_a_deadline_day_out_of_range_is_kept_within_every_month(monkeypatch, day):
    monkeypatch.setenv("CMG_DEPOSIT_DEADLINE_DAY", day)
    assert 1 <= deadline.deadline(Month(2027, 1)).day <= 28
