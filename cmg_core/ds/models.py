"""What the DS client returns: frozen dataclasses, never raw JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class DossierState(StrEnum):
    """DS `DossierState` (drafts, `brouillon`, are never returned by the API)."""

    EN_CONSTRUCTION = "en_construction"
    EN_INSTRUCTION = "en_instruction"
    ACCEPTE = "accepte"
    REFUSE = "refuse"
    SANS_SUITE = "sans_suite"


class CorrectionReason(StrEnum):
    """DS `CorrectionReason`: why a message asks the usager to correct the dossier."""

    INCOMPLETE = "incomplete"
    INCORRECT = "incorrect"
    OUTDATED = "outdated"


@dataclass(frozen=True)
class DossierFile:
    """A file attached to a dossier. `url` expires (1 h on DS); `checksum` is base64 MD5."""

    dossier_number: int
    champ_descriptor_id: str | None
    filename: str
    content_type: str
    checksum: str
    byte_size: int
    url: str


ChampValue = str | bool | date | tuple[DossierFile, ...] | None


@dataclass(frozen=True)
class Champ:
    """One champ of a dossier, its value converted by its DS type."""

    descriptor_id: str
    label: str
    type: str
    value: ChampValue


@dataclass(frozen=True)
class Message:
    """A message of the dossier's messagerie."""

    id: str
    body: str
    created_at: datetime
    email: str
    attachments: tuple[DossierFile, ...] = ()
    correction_reason: CorrectionReason | None = None
    correction_resolved_at: datetime | None = None


@dataclass(frozen=True)
class Dossier:
    """A dossier as the back office needs it; champs are keyed by champDescriptorId."""

    id: str
    number: int
    demarche_number: int
    state: DossierState
    date_depot: datetime
    date_derniere_modification: datetime
    usager_email: str
    demandeur_siret: str | None
    champs: Mapping[str, Champ]
    messages: tuple[Message, ...] = ()
    revision_id: str | None = None  # the démarche revision DS returns for this dossier

    def value(self, descriptor_id: str) -> ChampValue:
        """The converted value of a champ, or None when the dossier does not have it."""
        champ = self.champs.get(descriptor_id)
        return None if champ is None else champ.value

    @property
    def files(self) -> tuple[DossierFile, ...]:
        """Every file of every PieceJustificative champ, in champ order."""
        found: list[DossierFile] = []
        for champ in self.champs.values():
            if isinstance(champ.value, tuple):
                found.extend(champ.value)
        return tuple(found)


@dataclass(frozen=True)
class DossierSummary:
    """The dossier as a decision mutation returns it."""

    id: str
    number: int
    state: DossierState
    date_derniere_modification: datetime


@dataclass(frozen=True)
class DossierPage:
    """One page of `demarche.dossiers`.

    `end_cursor` is the cursor to save with this page's rows: DS's `endCursor`, or the cursor
    the page was asked `after` when DS returns null (an empty page), so a saved cursor is never
    overwritten by null.
    """

    demarche_number: int
    dossiers: tuple[Dossier, ...]
    end_cursor: str | None
    has_next_page: bool
    updated_since: datetime | None = None


class DemarcheState(StrEnum):
    """DS `DemarcheState`: only a `publiee` démarche takes deposits."""

    BROUILLON = "brouillon"
    PUBLIEE = "publiee"
    CLOSE = "close"
    DEPUBLIEE = "depubliee"


@dataclass(frozen=True)
class ChampDescriptor:
    """One champ of a démarche revision: its DS type (`TextChampDescriptor`…), id and label."""

    typename: str
    id: str
    label: str
    required: bool


@dataclass(frozen=True)
class DemarcheRevision:
    """A démarche, its state, its published revision (None when unpublished) and the ids of
    the instructeurs of its open groupes."""

    number: int
    title: str
    state: DemarcheState
    revision_id: str | None
    descriptors: tuple[ChampDescriptor, ...]
    instructeur_ids: frozenset[str]


class DeletedReason(StrEnum):
    """DS `DeletedDossierReason`; only `user_request` means the usager withdrew the dossier."""

    EXPIRED = "expired"
    INSTRUCTEUR_REQUEST = "instructeur_request"
    MANAGER_REQUEST = "manager_request"
    PROCEDURE_REMOVED = "procedure_removed"
    USER_EXPIRED = "user_expired"
    USER_REMOVED = "user_removed"
    USER_REQUEST = "user_request"


@dataclass(frozen=True)
class DeletedDossier:
    """A dossier DS deleted (`Demarche.deletedDossiers`)."""

    number: int
    reason: DeletedReason
    state: DossierState
    deleted_at: datetime


@dataclass(frozen=True)
class DeletedDossierPage:
    """One page of `demarche.deletedDossiers`; `end_cursor` as in `DossierPage`."""

    demarche_number: int
    deleted: tuple[DeletedDossier, ...]
    end_cursor: str | None
    has_next_page: bool
