"""Stage `mail`: send the outbox's due e-mails through `CMG_SMTP_URL` (`cmg_core.mail.outbox`).

Without a server configured nothing is sent and the stage counts what waits. Rows are claimed
(`claim.take`, committed) up to a batch, then sent over one connection; each is marked sent, and
its claim released, as soon as the server accepted it. A server that cannot be reached ends
the stage with one failure in its run (« the run reports the failure »): the batch goes back to
the outbox with its next attempt put off, nothing is lost and nothing already sent is sent
again.
"""

from __future__ import annotations

from email.message import EmailMessage

import sqlalchemy as sa

from cmg_core.backoffice.claim import Claim, release, take
from cmg_core.backoffice.context import StageContext
from cmg_core.db.enums import MailStatus
from cmg_core.db.models import OutboxMessage
from cmg_core.mail import outbox
from cmg_core.mail.smtp import MessageRefused, SmtpConfig, SmtpSession, SmtpUnavailable

BATCH = 50  # messages sent over one SMTP connection


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
    while claims := _take_batch(ctx):
        with ctx.session() as session:
            outbox.mark_sending(session, [c.key for c in claims])
            batch = [(c, outbox.email_of(session.get(OutboxMessage, c.key))) for c in claims]
        if not _send(ctx, config, batch):
            return


def _take_batch(ctx: StageContext) -> list[Claim]:
    claims: list[Claim] = []
    while len(claims) < BATCH:
        claim = take(ctx.url, outbox.due(ctx.now), ctx.worker, ttl=ctx.claim_ttl)
        if claim is None:
            break
        claims.append(claim)
    return claims


def _send(ctx: StageContext, config: SmtpConfig, batch: list[tuple[Claim, EmailMessage]]) -> bool:
    """Send a claimed batch; False when the server is unavailable (the rest put back)."""
    left = [claim for claim, _ in batch]
    try:
        ctx.checkpoint()
        with SmtpSession(config) as smtp:
            for claim, message in batch:
                try:
                    smtp.send(message)
                except MessageRefused as error:
                    with ctx.session() as session:
                        outbox.mark_failed(session, [claim.key], ctx.now, str(error))
                        release(session, claim)
                    ctx.fail(f"courriel {claim.key}", error)
                else:
                    with ctx.session() as session:
                        outbox.mark_sent(session, claim.key, ctx.now)
                        release(session, claim)
                    ctx.counts["mails_sent"] += 1
                left.remove(claim)
                ctx.checkpoint()
                ctx.advance()
    except BaseException as error:
        if not isinstance(error, SmtpUnavailable):  # stopped (a test, Ctrl+C): not an attempt
            _put_back(ctx, left)
            raise
        with ctx.session() as session:
            outbox.mark_failed(session, [c.key for c in left], ctx.now,
                               f"serveur injoignable : {error}")  # fmt: skip
            for claim in left:
                release(session, claim)
        ctx.fail("serveur SMTP", error)
        ctx.failures[-1] = f"serveur SMTP injoignable ({error})"
        ctx.counts["mails_waiting"] += len(left)
        return False
    return True


def _put_back(ctx: StageContext, claims: list[Claim]) -> None:
    with ctx.session() as session:
        outbox.release(session, [c.key for c in claims])
        for claim in claims:
            release(session, claim)
