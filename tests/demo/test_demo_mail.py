"""The demo's open month with a real SMTP server on loopback: after the demo's dossiers and one
pass, the person the demo's habilitation adds has her French e-mail; the monthly call for the
open month reaches every partner that has not filed it (16 of 20), once."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cmg_core.backoffice.runner import run_all
from cmg_core.cli import main
from cmg_core.cli.seed_demo import submit_demo_dossiers
from cmg_core.db import migrate
from cmg_core.db.enums import MailKind
from cmg_core.db.models import OutboxMessage, Partner
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds.sandbox import Sandbox
from cmg_core.mail.capture import CaptureServer, read_folder
from cmg_core.partners import calls
from cmg_core.referential.seed import seed_referential
from tests.backoffice import world

TODAY = date(2026, 11, 26)  # October is the open month


def test_the_added_person_is_mailed_and_the_campaign_calls_the_sixteen_others_once(
    tmp_path, monkeypatch, capsys
):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    migrate.upgrade(url)
    with session_scope(url) as session:
        seed_referential(session, families=150)
    with (
        Sandbox(tmp_path / "ds-sandbox.db") as sandbox,
        CaptureServer(tmp_path / "mail") as smtp,
    ):
        monkeypatch.setenv("CMG_SMTP_URL", smtp.url)
        demo = submit_demo_dossiers(today=TODAY, store=sandbox.store, url=url)
        options = world.options(url, sandbox, tmp_path / "storage")
        run_all(options)

        added = [m for m in read_folder(smtp.folder) if "sophie.petit@" in m.recipients[0]]
        assert len(added) == 1 and len(demo.habilitations) == 2  # one accepted, one refused
        text = added[0].body("plain")
        assert added[0].subject.startswith("Vous pouvez déposer les attestations CMG de")
        assert text.startswith("Madame Petit,") and "vous a habilitée à déposer" in text
        assert "/commencer/1002" in text and "/pre-controle" in text

        capsys.readouterr()
        assert main(["campaign", "--month", "10/2026", "--today", "2026-11-26"]) == 0
        assert "16 structures n'ont pas déposé" in capsys.readouterr().out
        with session_scope(url) as session:
            called = session.scalars(
                sa.select(OutboxMessage).where(OutboxMessage.kind == MailKind.CAMPAIGN)
            ).all()
            recipients = sum(
                len(calls.recipients(session, p))
                for p in session.scalars(sa.select(Partner))
                if p.id in {c.partner_id for c in called}
            )
        assert len({c.partner_id for c in called}) == 16 and len(called) == recipients
        assert main(["campaign", "--month", "10/2026", "--today", "2026-11-26"]) == 0
        assert "0 nouveau courriel" in capsys.readouterr().out

        before = len(read_folder(smtp.folder))
        run_all(options)
        run_all(options)
        campaign = [m for m in read_folder(smtp.folder)
                    if m.subject.startswith("Attestations CMG du mois d'octobre 2026")]  # fmt: skip
    assert len(campaign) == len(called)  # each sent once, over two passes
    assert not [m for m in read_folder(tmp_path / "mail") if m.subject != m.subject.strip()]
    assert len(read_folder(tmp_path / "mail")) == before + len(called)
    dispose_all()
