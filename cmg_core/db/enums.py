"""The states and codes stored in the database, with their French labels for people.

Stored values are stable English slugs; `label(member)` gives the French text the CLI and the
staff pages show.
"""

from __future__ import annotations

from enum import StrEnum

from cmg_core.templates import TemplateCode


class DossierStatus(StrEnum):
    """Where the back office stands with one DS dossier (its own stage: habilitations or intake)."""

    PENDING = "pending"  # fetched, not processed yet (or changed on DS since)
    DONE = "done"  # processed: accepted, refused or sent back for correction
    FAILED = "failed"  # the last attempt failed; retried on the next run


class HabilitationOperation(StrEnum):
    ADD = "AJOUT"
    CHANGE = "MODIFICATION"
    REMOVE = "SUPPRESSION"
    SEED = "INITIALISATION"  # created by the synthetic seed or an administrator


class DepositStatus(StrEnum):
    RECEIVED = "received"
    INVALID = "invalid"  # refused before the pre-check (not authorised, wrong démarche…)
    CORRECTION_REQUESTED = "correction_requested"
    ACCEPTED = "accepted"
    SUPERSEDED = "superseded"  # replaced by a later file for the same SIRET × month × démarche
    PROCESSED = "processed"


class LineOutcome(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"  # processed automatically
    QUEUED = "queued"  # re-assigned to a GCA
    REJECTED = "rejected"  # not processable at all (e.g. unknown allocataire)


class AttestationState(StrEnum):
    CREATED = "created"  # PDF rendered
    FILED = "filed"  # PDF filed in the allocataire's GED record
    FED = "fed"  # exported in a NIMS feed run
    PROCESSED = "processed"
    QUEUED = "queued"  # waiting in the GCA queue
    WITHDRAWN = "withdrawn"  # the family is no longer in the structure's corrected file


class QueueReason(StrEnum):
    NOT_AFFILIATED = "not_affiliated"
    FILE_BEING_UPDATED = "file_being_updated"
    TWINS = "twins"
    CMG_CLAIM_UNKNOWN = "cmg_claim_unknown"
    CHILD_NOT_FOUND = "child_not_found"


class RejectionReason(StrEnum):
    """Why processing rejects a line outright (not a queue reason: nobody can treat it)."""

    ALLOCATAIRE_UNKNOWN = "allocataire_unknown"


class QueueStatus(StrEnum):
    OPEN = "open"
    TAKEN = "taken"
    RESOLVED = "resolved"


class QueueOutcome(StrEnum):
    APPLIED = "applied"  # processed by hand
    REFUSED = "refused"  # the CMG is not due
    NO_ACTION = "no_action"  # nothing to do (duplicate, already handled…)


class QueueAction(StrEnum):
    CREATED = "created"
    TAKEN = "taken"
    ASSIGNED = "assigned"
    RELEASED = "released"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    COMMENTED = "commented"


class Channel(StrEnum):
    MON_COMPTE = "mon_compte"


class MailKind(StrEnum):
    """Why an e-mail is sent (the outbox's `kind`)."""

    PARTNER_WELCOME = "partner_welcome"  # a new gestionnaire: the habilitations démarche
    HABILITATION_ADDED = "habilitation_added"
    HABILITATION_REMOVED = "habilitation_removed"
    CAMPAIGN = "campaign"  # the monthly call
    REMINDER = "reminder"  # a month not filed after the deadline


class MailStatus(StrEnum):
    PENDING = "pending"  # to send (again, after `next_attempt_at` when an attempt failed)
    SENDING = "sending"  # claimed by a worker until `claimed_until`
    SENT = "sent"
    FAILED = "failed"  # given up after MAX_ATTEMPTS


class RunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Role(StrEnum):
    AGENT = "agent"
    GCA = "gca"
    ADMIN = "admin"


# Pairs, not a dict keyed by member: StrEnum members hash like their text, so members of
# different enums sharing a value (`applied`, `processed`, `taken`…) would collide.
_LABEL_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (TemplateCode.MC, "micro-crèche"),
    (TemplateCode.GAD, "garde à domicile"),
    (DossierStatus.PENDING, "à traiter"),
    (DossierStatus.DONE, "traité"),
    (DossierStatus.FAILED, "en échec"),
    (HabilitationOperation.ADD, "ajout"),
    (HabilitationOperation.CHANGE, "modification"),
    (HabilitationOperation.REMOVE, "suppression"),
    (HabilitationOperation.SEED, "initialisation"),
    (DepositStatus.RECEIVED, "reçu"),
    (DepositStatus.INVALID, "irrecevable"),
    (DepositStatus.CORRECTION_REQUESTED, "correction demandée"),
    (DepositStatus.ACCEPTED, "accepté"),
    (DepositStatus.SUPERSEDED, "remplacé"),
    (DepositStatus.PROCESSED, "traité"),
    (LineOutcome.PENDING, "en attente"),
    (LineOutcome.APPLIED, "traitée"),
    (LineOutcome.QUEUED, "traitement manuel"),
    (LineOutcome.REJECTED, "rejetée"),
    (AttestationState.CREATED, "créée"),
    (AttestationState.FILED, "classée en GED"),
    (AttestationState.FED, "transmise au traitement"),
    (AttestationState.PROCESSED, "traitée"),
    (AttestationState.QUEUED, "en traitement manuel"),
    (AttestationState.WITHDRAWN, "retirée par la déclaration corrigée"),
    (QueueReason.NOT_AFFILIATED, "non affilié"),
    (QueueReason.FILE_BEING_UPDATED, "dossier en cours de mise à jour"),
    (QueueReason.TWINS, "jumeaux"),
    (QueueReason.CMG_CLAIM_UNKNOWN, "demande de CMG non encore connue"),
    (QueueReason.CHILD_NOT_FOUND, "enfant inconnu"),
    (RejectionReason.ALLOCATAIRE_UNKNOWN, "allocataire inconnu de la Caf"),
    (QueueStatus.OPEN, "à prendre"),
    (QueueStatus.TAKEN, "pris en charge"),
    (QueueStatus.RESOLVED, "résolu"),
    (QueueOutcome.APPLIED, "traité manuellement"),
    (QueueOutcome.REFUSED, "refusé"),
    (QueueOutcome.NO_ACTION, "sans suite"),
    (QueueAction.CREATED, "création"),
    (QueueAction.TAKEN, "prise en charge"),
    (QueueAction.ASSIGNED, "attribution"),
    (QueueAction.RELEASED, "remise en file"),
    (QueueAction.RESOLVED, "résolution"),
    (QueueAction.REOPENED, "réouverture"),
    (QueueAction.COMMENTED, "commentaire"),
    (Channel.MON_COMPTE, "Mon Compte"),
    (MailKind.PARTNER_WELCOME, "lien de la démarche d'habilitation"),
    (MailKind.HABILITATION_ADDED, "habilitation accordée"),
    (MailKind.HABILITATION_REMOVED, "habilitation retirée"),
    (MailKind.CAMPAIGN, "appel mensuel"),
    (MailKind.REMINDER, "relance"),
    (MailStatus.PENDING, "à envoyer"),
    (MailStatus.SENDING, "en cours d'envoi"),
    (MailStatus.SENT, "envoyé"),
    (MailStatus.FAILED, "abandonné"),
    (RunStatus.RUNNING, "en cours"),
    (RunStatus.SUCCEEDED, "réussie"),
    (RunStatus.FAILED, "en échec"),
    (Role.AGENT, "agent"),
    (Role.GCA, "gestionnaire conseil allocataire"),
    (Role.ADMIN, "administrateur"),
)

LABELS: dict[tuple[type[StrEnum], str], str] = {
    (type(member), member.value): text for member, text in _LABEL_PAIRS
}


def label(member: StrEnum) -> str:
    """The French label of a stored state or code."""
    return LABELS[(type(member), member.value)]


def capitalised(member: StrEnum) -> str:
    """The label with a capital first letter, the rest untouched ("Demande de CMG …")."""
    text = label(member)
    return text[:1].upper() + text[1:]
