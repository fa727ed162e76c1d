"""The monthly call (`campaign`) and the reminder (stage `reminders`): who is written to for a
partner that has not filed a month, and the outbox rows that say so, once each.

Recipients are the partner's gestionnaire des habilitations and every person habilitated for
it. Keys (`campaign:2026-10:<partner>:<e-mail>`, `reminder:…`) make a second call or a second
pass write nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.enums import MailKind
from cmg_core.db.models import Habilitation, OutboxMessage, Partner
from cmg_core.mail import messages, outbox
from cmg_core.partners.deadline import deadline, is_elapsed, is_late, unfiled_partners
from cmg_core.templates import TemplateCode
from cmg_core.values import Month


class NotElapsed(ValueError):
    """The month is not over yet (French message)."""


@dataclass(frozen=True)
class Planned:
    partner: Partner
    recipients: tuple[str, ...]
    new: tuple[str, ...]  # recipients not written to yet for this call


@dataclass(frozen=True)
class CallResult:
    month: Month
    planned: list[Planned]
    written: int  # outbox rows added (0 on a dry run)

    @property
    def partners(self) -> int:
        return len(self.planned)


def recipients(session: Session, partner: Partner) -> tuple[str, ...]:
    """The gestionnaire first, then the habilitated people by address, each once."""
    people = session.scalars(
        sa.select(Habilitation.email)
        .where(Habilitation.partner_id == partner.id, Habilitation.active.is_(True))
        .order_by(Habilitation.email)
    )
    ordered = dict.fromkeys([partner.manager_email.lower(), *(e.lower() for e in people)])
    return tuple(ordered)


def key(kind: MailKind, month: Month, partner: Partner, email: str) -> str:
    return f"{kind.value}:{month.iso}:{partner.id}:{email}"


def plan(session: Session, kind: MailKind, month: Month) -> list[Planned]:
    """Each active partner that has not filed `month`, with whom to write and who is new."""
    planned = []
    for partner in unfiled_partners(session, month):
        if partner.convention_signed_on and partner.convention_signed_on > month.last_day:
            continue  # not a partner yet that month
        emails = recipients(session, partner)
        keys = {key(kind, month, partner, e): e for e in emails}
        known = set(
            session.scalars(sa.select(OutboxMessage.key).where(OutboxMessage.key.in_(keys)))
        )
        new = tuple(e for k, e in keys.items() if k not in known)
        planned.append(Planned(partner, emails, new))
    return planned


def _write(session: Session, kind: MailKind, month: Month, planned: list[Planned]) -> int:
    written = 0
    due = deadline(month)
    compose = messages.monthly_call if kind is MailKind.CAMPAIGN else messages.reminder
    for item in planned:
        partner = item.partner
        mail = compose(partner=partner.name, kind=TemplateCode(partner.kind), month=month, due=due)
        for email in item.new:
            written += outbox.enqueue(session, key(kind, month, partner, email), kind, email,
                                      mail, partner_id=partner.id, month=month)  # fmt: skip
    return written


def campaign(session: Session, month: Month, today: date, *, dry_run: bool = False):
    """The monthly call for `month` (elapsed months only); a dry run writes nothing."""
    if not is_elapsed(month, today):
        raise NotElapsed(
            f"le mois {month.of_label()} n'est pas encore échu : l'appel se fait à partir du "
            f"{messages.long_date(month.shift(1).first_day)}"
        )
    planned = plan(session, MailKind.CAMPAIGN, month)
    written = 0 if dry_run else _write(session, MailKind.CAMPAIGN, month, planned)
    return CallResult(month, planned, written)


def reminded_month(today: date) -> Month:
    """The latest month whose deadline has passed on `today`."""
    last = Month.of(today).shift(-1)
    return last if is_late(last, today) else last.shift(-1)


def reminders(session: Session, today: date) -> CallResult:
    """One reminder per partner (and recipient) for the latest late month, once."""
    month = reminded_month(today)
    planned = plan(session, MailKind.REMINDER, month)
    return CallResult(month, planned, _write(session, MailKind.REMINDER, month, planned))
