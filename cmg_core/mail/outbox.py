"""The outbox: e-mails written in the caller's transaction, then sent once by the back office.

`enqueue` is idempotent by `key` (the same habilitation change, call or reminder is written
once, whoever asks twice). The mail stage claims the `due` rows one by one with the back
office's claim mechanism (`cmg_core.backoffice.claim`), committed before the SMTP conversation,
so two workers never send the same row, and marks them `sending`; a row is marked `sent` right
after the server accepted it. When the server cannot be reached every claimed row goes back to
`pending`, its attempts counted and its next attempt put off (`backoff`); after `MAX_ATTEMPTS` a
row is `failed` and shown as such. A row left `sending` by a crashed worker is due again once
its claim expires: the only case where a message could reach its recipient twice, with the same
Message-ID.
"""

from __future__ import annotations

import email.policy
import hashlib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.db.enums import MailKind, MailStatus
from cmg_core.db.models import OutboxMessage
from cmg_core.db.types import utcnow
from cmg_core.mail.messages import Mail
from cmg_core.values import Month

MAX_ATTEMPTS = 8
# headers are not folded under RFC 5322's 998 characters: Python folds a long ASCII subject
# right after « Subject: », and readers then show it with a leading space
POLICY = email.policy.SMTP.clone(max_line_length=998)


def backoff(attempts: int) -> timedelta:
    """2, 4, 8… minutes after the n-th failed attempt, at most 6 hours."""
    return min(timedelta(minutes=2**attempts), timedelta(hours=6))


def enqueue(
    session: Session,
    key: str,
    kind: MailKind,
    recipient: str,
    mail: Mail,
    *,
    partner_id: int | None = None,
    month: Month | None = None,
) -> bool:
    """Write one e-mail unless `key` is already in the outbox; True when written."""
    exists = session.scalar(sa.select(OutboxMessage.id).where(OutboxMessage.key == key))
    if exists is not None:
        return False
    row = OutboxMessage(
        key=key, kind=kind, recipient=recipient.strip().lower(), subject=mail.subject,
        body_text=mail.text, body_html=mail.html, partner_id=partner_id, month=month,
        message_id=message_id(key), created_at=utcnow(), next_attempt_at=utcnow(),
    )  # fmt: skip
    try:
        with session.begin_nested():  # another worker may write the same key meanwhile
            session.add(row)
    except IntegrityError:
        return False
    return True


def message_id(key: str) -> str:
    domain = settings.get("CMG_MAIL_FROM").rpartition("@")[2] or "cmg.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def email_of(row: OutboxMessage) -> EmailMessage:
    """The MIME message of a row: plain text and HTML alternatives."""
    message = EmailMessage(policy=POLICY)
    message["From"] = formataddr((settings.get("CMG_CAF_NAME"), settings.get("CMG_MAIL_FROM")))
    message["To"] = row.recipient
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = row.message_id
    message.set_content(row.body_text)
    message.add_alternative(row.body_html, subtype="html")
    return message


def due(now: datetime) -> sa.Select[tuple[OutboxMessage]]:
    """The rows to send at `now`, oldest first: pending and due, or left `sending` (a claim
    still alive keeps `claim.take` off them)."""
    return (
        sa.select(OutboxMessage)
        .where(
            sa.or_(
                sa.and_(
                    OutboxMessage.status == MailStatus.PENDING,
                    sa.or_(OutboxMessage.attempts == 0, OutboxMessage.next_attempt_at <= now),
                ),
                OutboxMessage.status == MailStatus.SENDING,
            )
        )
        .order_by(OutboxMessage.id)
    )


def mark_sending(session: Session, row_ids: list[int]) -> None:
    """Claimed rows about to be sent (shown « en cours d'envoi »)."""
    session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id.in_(row_ids))
        .values(status=MailStatus.SENDING)
    )


def mark_sent(session: Session, row_id: int, now: datetime) -> None:
    session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == row_id)
        .values(status=MailStatus.SENT, sent_at=now, last_error=None)
    )


def release(session: Session, row_ids: list[int]) -> None:
    """Rows marked `sending` and not sent (the worker was stopped): pending again, no attempt
    counted (their claims are released by the caller)."""
    if row_ids:
        session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id.in_(row_ids), OutboxMessage.status == MailStatus.SENDING)
            .values(status=MailStatus.PENDING)
        )


def mark_failed(session: Session, row_ids: list[int], now: datetime, error: str) -> None:
    """Back to `pending` with one more attempt and a later next attempt (or `failed`)."""
    for row in session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id.in_(row_ids))):
        row.attempts += 1
        row.last_error = error[:500]
        row.status = MailStatus.FAILED if row.attempts >= MAX_ATTEMPTS else MailStatus.PENDING
        row.next_attempt_at = now + backoff(row.attempts)


def retry(session: Session, row_id: int) -> bool:
    """A failed row made due again (an admin asked for it); False when it was not failed."""
    row = session.get(OutboxMessage, row_id)
    if row is None or row.status != MailStatus.FAILED:
        return False
    row.status, row.attempts, row.next_attempt_at = MailStatus.PENDING, 0, utcnow()
    return True


def listing(
    session: Session, statuses: tuple[MailStatus, ...] = (), limit: int = 500
) -> list[OutboxMessage]:
    """The newest rows first (sent or not), filtered by status."""
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if statuses:
        query = query.where(OutboxMessage.status.in_(statuses))
    return list(session.scalars(query))


def counts(session: Session) -> dict[MailStatus, int]:
    rows = session.execute(
        sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status)
    )
    return {MailStatus(status): count for status, count in rows}
