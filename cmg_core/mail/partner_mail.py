"""The e-mails a change of partner or habilitation writes to the outbox (once each, by key):
the habilitations démarche to a new gestionnaire, « you may now deposit » to a person a
habilitation adds, « you no longer may » to a person it removes."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from cmg_core.db.enums import MailKind
from cmg_core.db.models import HabilitationEvent, Partner
from cmg_core.mail import messages, outbox
from cmg_core.templates import TemplateCode


def welcome_manager(session: Session, partner: Partner) -> bool:
    """The habilitations démarche to the partner's (new) gestionnaire."""
    mail = messages.partner_welcome(
        partner=partner.name,
        siret=partner.siret,
        convention=partner.convention_ref,
        manager_email=partner.manager_email,
    )
    key = f"{MailKind.PARTNER_WELCOME.value}:{partner.id}:{partner.manager_email}"
    return outbox.enqueue(session, key, MailKind.PARTNER_WELCOME, partner.manager_email, mail,
                          partner_id=partner.id)  # fmt: skip


def habilitation_changed(
    session: Session, partner: Partner, event: HabilitationEvent, on: date
) -> list[str]:
    """After an applied request: who is told what; the addresses written to."""
    before, after = event.before or {}, event.after or {}
    told = []
    was = before.get("email") if before.get("active") else None
    now = after.get("email") if after.get("active") else None
    if was and was != now:
        mail = messages.habilitation_removed(
            partner=partner.name, civilite=before.get("civilite", ""),
            last_name=before.get("last_name", ""), on=on,
        )  # fmt: skip
        told += _enqueue(session, event, MailKind.HABILITATION_REMOVED, was, mail, partner)
    if now and now != was:
        mail = messages.habilitation_added(
            partner=partner.name, kind=TemplateCode(partner.kind), email=now,
            civilite=after.get("civilite", ""), first_name=after.get("first_name", ""),
            last_name=after.get("last_name", ""),
        )  # fmt: skip
        told += _enqueue(session, event, MailKind.HABILITATION_ADDED, now, mail, partner)
    return told


def _enqueue(session, event, kind: MailKind, email: str, mail, partner: Partner) -> list[str]:
    key = f"{kind.value}:{event.id}"
    written = outbox.enqueue(session, key, kind, email, mail, partner_id=partner.id)
    return [email] if written else []
