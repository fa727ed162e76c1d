"""Plain input data of the documents: what the back office maps its database rows into.

The renderers take these frozen values and nothing else, so a document depends only on them.
A document id left empty is derived from the data (see `cmg_core.documents.digest`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from cmg_core import settings
from cmg_core.documents.digest import attestation_document_id, bilan_document_id
from cmg_core.templates import TemplateCode
from cmg_core.templates import get as get_template
from cmg_core.values import Month

_ALLOCATAIRE_RE = re.compile(r"^\d{7}$")
_SIRET_RE = re.compile(r"^\d{14}$")


def _caf_name() -> str:
    return settings.get("CMG_CAF_NAME")


def _caf_code() -> str:
    return settings.get("CMG_CAF_CODE")


def _check_allocataire(allocataire: str) -> None:
    if not _ALLOCATAIRE_RE.match(allocataire):
        raise ValueError(f"an allocataire number has 7 digits, not {allocataire!r}")


@dataclass(frozen=True)
class Caf:
    """The Caf issuing the documents; defaults to the configured one."""

    name: str = field(default_factory=_caf_name)
    code: str = field(default_factory=_caf_code)


@dataclass(frozen=True)
class Structure:
    """The partner structure (micro-crèche or garde à domicile), identified by its SIRET."""

    siret: str
    name: str
    kind: TemplateCode  # "MC" or "GAD" are accepted and converted
    commune: str

    def __post_init__(self) -> None:
        if not _SIRET_RE.match(self.siret):
            raise ValueError(f"a SIRET has 14 digits, not {self.siret!r}")
        object.__setattr__(self, "kind", TemplateCode(self.kind))

    @property
    def kind_label(self) -> str:
        """`Micro-crèche` or `Garde à domicile`."""
        return get_template(self.kind).label

    @property
    def siret_display(self) -> str:
        """`123 456 789 00012`: SIREN in groups of three, then the establishment number."""
        s = self.siret
        return f"{s[0:3]} {s[3:6]} {s[6:9]} {s[9:14]}"


@dataclass(frozen=True)
class ChildCare:
    """One line of an attestation: a child's care in the month (GAD: no child, names None)."""

    last_name: str | None
    first_name: str | None
    birth_date: date | None
    total_hours: int
    special_hours: int
    amount: Decimal
    end_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class Attestation:
    """The monthly attestation of one allocataire's care by one structure."""

    document_id: str = ""  # empty: derived from the data
    caf: Caf = field(default_factory=Caf)
    structure: Structure
    allocataire: str  # 7 digits, no key letter
    month: Month
    children: tuple[ChildCare, ...]
    deposit_reference: str  # DS dossier number
    deposited_on: date
    generated_at: datetime

    def __post_init__(self) -> None:
        _check_allocataire(self.allocataire)
        if not self.children:
            raise ValueError("an attestation has at least one line")
        object.__setattr__(self, "children", tuple(self.children))
        if not self.document_id:
            object.__setattr__(self, "document_id", attestation_document_id(self))


class Outcome(StrEnum):
    """The usual outcomes of a bilan line, as printed (other French texts are accepted)."""

    PROCESSED = "traitée"
    TO_MANAGER = "transmise à un gestionnaire"
    REJECTED = "rejetée"


@dataclass(frozen=True)
class BilanLine:
    """One line of the deposited file and what became of it."""

    row: int  # line number in the deposited file
    allocataire: str
    child_name: str | None  # GAD: None
    outcome: str  # an `Outcome` value, or another French text
    reason: str  # French
    action: str = ""  # French: what the partner should do; empty when nothing


@dataclass(frozen=True)
class Missing:
    """A child (GAD: a family) declared last month, not ended, and absent from this deposit."""

    allocataire: str
    child_name: str | None = None  # GAD: None
    birth_date: date | None = None


@dataclass(frozen=True)
class BilanSummary:
    """Counts printed at the top of a bilan."""

    received: int
    processed: int
    to_manager: int
    rejected: int

    @property
    def other(self) -> int:
        """Lines whose outcome is none of the three usual ones."""
        return self.received - self.processed - self.to_manager - self.rejected


@dataclass(frozen=True, kw_only=True)
class Bilan:
    """The processing report of one deposit, sent back to the partner."""

    document_id: str = ""  # empty: derived from the data
    caf: Caf = field(default_factory=Caf)
    structure: Structure
    month: Month
    deposit_reference: str
    deposited_on: date
    processed_at: datetime
    lines: tuple[BilanLine, ...]
    absent: tuple[Missing, ...] = ()
    withdrawn: tuple[str, ...] = ()  # allocataires this correction no longer declares

    def __post_init__(self) -> None:
        for name in ("lines", "absent", "withdrawn"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.document_id:
            object.__setattr__(self, "document_id", bilan_document_id(self))

    @property
    def summary(self) -> BilanSummary:
        outcomes = [line.outcome for line in self.lines]
        return BilanSummary(
            received=len(outcomes),
            processed=outcomes.count(Outcome.PROCESSED),
            to_manager=outcomes.count(Outcome.TO_MANAGER),
            rejected=outcomes.count(Outcome.REJECTED),
        )
