"""The outbox and the `mail` stage against a real SMTP server on loopback: sent once, French
plain text and HTML, retried with back-off when the server is down, nothing lost or doubled
when it comes back, credentials never shown."""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa

from cmg_core.backoffice.runner import run_stage
from cmg_core.db.enums import MailKind, MailStatus
from cmg_core.db.models import OutboxMessage, Run
from cmg_core.db.session import session_scope
from cmg_core.mail import messages, outbox
from cmg_core.mail.capture import CaptureServer, read_folder
from cmg_core.mail.smtp import SmtpConfig
from cmg_core.templates import TemplateCode
from tests.mail.conftest import NOW, options


def _write(url: str, count: int = 3) -> None:
    with session_scope(url) as session:
        for n in range(count):
            mail = messages.habilitation_added(
                partner="Micro-crèche Les Lucioles", kind=TemplateCode.MC,
                email=f"personne{n}@lucioles.example", civilite="Mme", first_name="Sophie",
                last_name="Petit",
            )  # fmt: skip
            key = f"test:{n}"
            assert outbox.enqueue(session, key, MailKind.HABILITATION_ADDED,
                                  f"personne{n}@lucioles.example", mail)  # fmt: skip
            assert not outbox.enqueue(session, key, MailKind.HABILITATION_ADDED, "x@y.z", mail)


def _statuses(url: str) -> list[tuple[str, int]]:
    with session_scope(url) as session:
        rows = session.execute(
            sa.select(OutboxMessage.status, OutboxMessage.attempts).order_by(OutboxMessage.id)
        )
        return [(MailStatus(s).value, a) for s, a in rows]


def test_the_mail_stage_sends_each_message_once_in_french_text_and_html(
    url, capture, tmp_path, monkeypatch
):
    monkeypatch.setenv("CMG_SMTP_URL", capture.url)
    monkeypatch.setenv("CMG_CAF_NAME", "Caf de Maine-et-Loire")
    _write(url)
    result = run_stage("mail", options(url, tmp_path))
    assert result.counts["mails_sent"] == 3 and result.failures == 0
    assert run_stage("mail", options(url, tmp_path)).counts.get("mails_sent", 0) == 0
    captured = read_folder(capture.folder)
    assert sorted(c.recipients[0] for c in captured) == [
        f"personne{n}@lucioles.example" for n in range(3)
    ]
    mail = captured[0]
    assert mail.subject == "Vous pouvez déposer les attestations CMG de Micro-crèche Les Lucioles"
    assert str(mail.message["From"]) == "Caf de Maine-et-Loire <ne-pas-repondre@cmg.caf.example>"
    text, html = mail.body("plain"), mail.body("html")
    assert text.startswith("Madame Petit,")
    assert "vous a habilitée à déposer" in text and "Caf de Maine-et-Loire" in text
    assert '<html lang="fr">' in html and "vous a habilitée à déposer" in html
    assert _statuses(url) == [("sent", 0)] * 3


def test_smtp_down_keeps_the_messages_reports_the_failure_and_sends_once_when_back(
    url, tmp_path, monkeypatch
):
    down = CaptureServer(tmp_path / "captured")  # its port, nobody listening yet
    monkeypatch.setenv("CMG_SMTP_URL", f"smtp://relais:secret-pw@127.0.0.1:{down.port}")
    _write(url)

    result = run_stage("mail", options(url, tmp_path))
    assert result.failures == 1 and result.counts["mails_waiting"] == 3
    with session_scope(url) as session:
        run = session.get(Run, result.run_id)
        assert "serveur SMTP injoignable" in run.error and f"127.0.0.1:{down.port}" in run.error
        assert "secret-pw" not in run.error
        rows = session.scalars(sa.select(OutboxMessage)).all()
        assert all("secret-pw" not in (r.last_error or "") for r in rows)
        assert {r.next_attempt_at for r in rows} == {NOW + timedelta(minutes=2)}
    assert _statuses(url) == [("pending", 1)] * 3

    with down:  # the server is back, but the back-off is not over: nothing tried
        again = run_stage("mail", options(url, tmp_path, NOW + timedelta(minutes=1)))
        assert again.failures == 0 and not read_folder(down.folder)
        monkeypatch.setenv("CMG_SMTP_URL", down.url)
        later = run_stage("mail", options(url, tmp_path, NOW + timedelta(minutes=3)))
        assert later.counts["mails_sent"] == 3
        run_stage("mail", options(url, tmp_path, NOW + timedelta(hours=1)))
    assert len(read_folder(down.folder)) == 3  # nothing lost, nothing doubled
    assert _statuses(url) == [("sent", 1)] * 3


def test_a_message_given_up_after_max_attempts_is_failed_and_can_be_retried(url, tmp_path):
    _write(url, 1)
    with session_scope(url) as session:
        row = session.scalars(sa.select(OutboxMessage)).one()
        for _attempt in range(outbox.MAX_ATTEMPTS):
            outbox.mark_failed(session, [row.id], NOW, "serveur injoignable")
        assert row.status is MailStatus.FAILED
        assert outbox.retry(session, row.id) and row.status is MailStatus.PENDING


def test_without_a_server_messages_wait_in_the_outbox(url, tmp_path, monkeypatch):
    monkeypatch.delenv("CMG_SMTP_URL", raising=False)
    _write(url, 2)
    result = run_stage("mail", options(url, tmp_path))
    assert result.counts == {"mails_waiting": 2} and result.failures == 0
    assert _statuses(url) == [("pending", 0)] * 2


def test_smtp_urls_and_the_password_never_shown(caplog):
    config = SmtpConfig.parse("smtps://agent%40caf:p%C3%A0ss@mail.caf.example")
    assert (config.security, config.port, config.user, config.password) == (
        "tls", 465, "agent@caf", "pàss"
    )  # fmt: skip
    assert "pàss" not in repr(config)
    assert SmtpConfig.parse("smtp+starttls://mail.example").port == 587
    assert SmtpConfig.parse("smtp://mail.example:2525?starttls=1").security == "starttls"
    assert SmtpConfig.parse("smtp://u@mail.example", password="from-secrets").password == (
        "from-secrets"
    )
    caplog.set_level(logging.DEBUG)
    assert "pàss" not in caplog.text
