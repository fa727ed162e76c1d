"""The audit journal: every staff action (who, what, on what, when) as one `AuditEntry`.

Actions are short stable slugs (`auth.sign_in`, `queue.resolve`…); `ACTION_LABELS` gives the
French text the Journal page shows. Details never hold a password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.models import AuditEntry, StaffUser
from cmg_core.db.types import utcnow

ACTION_LABELS: dict[str, str] = {
    "auth.sign_in": "connexion",
    "auth.sign_in_failed": "échec de connexion",
    "auth.sign_out": "déconnexion",
    "auth.timeout": "déconnexion après inactivité",
    "auth.session_revoked": "session fermée (rôle modifié ou compte désactivé)",
    "queue.take": "prise en charge d'un dossier",
    "queue.assign": "attribution d'un dossier",
    "queue.release": "remise en file d'un dossier",
    "queue.resolve": "résolution d'un dossier",
    "run.start": "lancement de l'automate",
    "export.deposits": "export des dépôts",
    "export.journal": "export du journal",
    "bilan.download": "téléchargement d'un bilan",
    "user.create": "création d'un compte",
    "user.unlock": "délais de connexion levés",
    "user.password": "changement de mot de passe",
    "user.activate": "réactivation d'un compte",
    "user.deactivate": "désactivation d'un compte",
    "user.role": "changement de rôle",
    "user.demo_reset": "compte de démonstration préparé",
    "partner.create": "ajout d'une structure partenaire",
    "partner.update": "modification d'une structure partenaire",
    "partner.deactivate": "désactivation d'une structure partenaire",
    "partner.reactivate": "réactivation d'une structure partenaire",
    "partner.import": "import de structures partenaires",
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a staff account (id may be None for the command line or an unknown e-mail)."""

    id: int | None
    email: str

    @classmethod
    def of(cls, user: StaffUser) -> Actor:
        return cls(user.id, user.email)


def action_label(action: str) -> str:
    """The French label of an action slug (the slug itself when unknown)."""
    return ACTION_LABELS.get(action, action)


def record(
    session: Session,
    actor: Actor,
    action: str,
    target_type: str | None = None,
    target_id: object = None,
    **details: Any,
) -> AuditEntry:
    """Add one journal entry in the caller's transaction (so it commits with the action)."""
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor.id,
        actor_email=actor.email[:254],
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details,
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class JournalFilter:
    actions: tuple[str, ...] = ()
    actor_email: str = ""  # part of an e-mail, case-insensitive
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


def entries(session: Session, where: JournalFilter | None = None) -> list[AuditEntry]:
    """The newest journal entries first, filtered."""
    where = where or JournalFilter()
    query = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if where.actions:
        query = query.where(AuditEntry.action.in_(where.actions))
    if where.actor_email:
        query = query.where(AuditEntry.actor_email.ilike(f"%{where.actor_email.strip()}%"))
    if where.since is not None:
        query = query.where(AuditEntry.at >= where.since)
    if where.until is not None:
        query = query.where(AuditEntry.at < where.until)
    return list(session.scalars(query.limit(where.limit)))


def known_actions(session: Session) -> list[str]:
    """Every action slug present in the journal, sorted."""
    return sorted(session.scalars(sa.select(AuditEntry.action).distinct()))


DETAIL_KEYS = {
    "method": "méthode",
    "reason": "motif",
    "role": "rôle",
    "rows": "lignes",
    "months": "mois",
    "stages": "étapes",
    "format": "format",
    "until": "jusqu'à",
    "assignee_id": "attribué au compte n°",
    "siret": "SIRET",
    "name": "nom",
    "changes": "modifications",
    "count": "nombre",
}
DETAIL_VALUES = {
    "password": "mot de passe",
    "oidc": "OpenID Connect",
    "wrong_password": "mot de passe erroné",
    "unknown": "adresse inconnue",
    "throttled": "essai trop rapproché (délai en cours)",
    "demo": "compte de démonstration hors démonstration",
    "inactive": "compte désactivé",
    "idle": "30 minutes sans action",
    "sign_out": "déconnexion",
    "role_change": "rôle modifié",
    "deactivated": "compte désactivé",
    "oidc_no_account": "aucun compte pour cette identité",
}


def details_text(details: dict[str, Any] | None) -> str:
    """The details of an entry in French, e.g. `motif : mot de passe erroné`."""
    return ", ".join(
        f"{DETAIL_KEYS.get(key, key)} : {DETAIL_VALUES.get(str(value), value)}"
        for key, value in (details or {}).items()
    )
