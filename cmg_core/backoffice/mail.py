"""Stage `mail`: send the outbox's due e-mails through `CMG_SMTP_URL` (`cmg_core.mail.outbox`).

Without a server configured nothing is sent and the stage counts what waits. Rows are claimed
by batches, committed, then sent over one connection; each is marked sent as soon as the server
accepted it. A server that cannot be reached ends the stage with one failure in its run (« the
run reports the failure »): the batch goes back to the outbox with its next attempt put off,
nothing is lost and nothing already sent is sent again.
"""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.backoffice.context import StageContext
from cmg_core.db.enums import MailStatus
from cmg_core.db.models import OutboxMessage
from cmg_core.mail import outbox
from cmg_core.mail.smtp import MessageRefused, SmtpConfig, SmtpSession, SmtpUnavailable


def run(ctx: StageContext, config: SmtpConfig | None = None) -> None:
    try:
        config = config or SmtpConfig.from_settings()
    except ValueError as error:  # a malformed CMG_SMTP_URL: said, never printed
        ctx.fail("CMG_SMTP_URL", error)
        ctx.failures[-1] = str(error)
        return
    if config is None:
        with ctx.session() as session:
            waiting = session.scalar(
                sa.select(sa.func.count()).where(OutboxMessage.status == MailStatus.PENDING)
            )
        if waiting:
            ctx.counts["mails_waiting"] = waiting
        return
    while True:
        with ctx.session() as session:
            batch = [(row.id, outbox.email_of(row)) for row in
                     outbox.claim(session, ctx.now, ctx.worker)]  # fmt: skip
        if not batch:
            return
        if not _send(ctx, config, batch):
            return


def _send(ctx: StageContext, config: SmtpConfig, batch) -> bool:
    """Send a claimed batch; False when the server is unavailable (the rest put back)."""
    left = [row_id for row_id, _ in batch]
    try:
        ctx.checkpoint()
        with SmtpSession(config) as smtp:
            for row_id, message in batch:
                try:
                    smtp.send(message)
                except MessageRefused as error:
                    with ctx.session() as session:
                        outbox.mark_failed(session, [row_id], ctx.now, str(error))
                    ctx.fail(f"courriel {row_id}", error)
                else:
                    with ctx.session() as session:
                        outbox.mark_sent(session, row_id, ctx.now)
                    ctx.counts["mails_sent"] += 1
                left.remove(row_id)
                ctx.checkpoint()
                ctx.advance()
    except BaseException as error:
        if not isinstance(error, SmtpUnavailable):  # stopped (a test, Ctrl+C): not an attempt
            with ctx.session() as session:
                outbox.release(session, left)
            raise
        with ctx.session() as session:
            outbox.mark_failed(session, left, ctx.now, f"serveur injoignable : {error}")
        ctx.fail("serveur SMTP", error)
        ctx.failures[-1] = f"serveur SMTP injoignable ({error})"
        ctx.counts["mails_waiting"] += len(left)
        return False
    return True
