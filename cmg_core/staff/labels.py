"""French labels of stored states for the staff pages.

`cmg_core.db.enums.LABELS` is keyed by members whose values collide across enums (`applied`,
`processed`, `taken`…): as `StrEnum` members hash like their text, the last label wins for
every enum sharing a value. Until that table is keyed by (enum, value), the colliding ones are
given here by enum, as `enums.py` meant them.
"""

from __future__ import annotations

from enum import StrEnum

from cmg_core.db import enums

_BY_ENUM: dict[tuple[type[StrEnum], str], str] = {
    (enums.AttestationState, "created"): "créée",
    (enums.QueueAction, "created"): "création",
    (enums.AttestationState, "processed"): "traitée",
    (enums.DepositStatus, "processed"): "traité",
    (enums.AttestationState, "queued"): "en traitement manuel",
    (enums.LineOutcome, "queued"): "traitement manuel",
    (enums.DossierStatus, "pending"): "à traiter",
    (enums.LineOutcome, "pending"): "en attente",
    (enums.DossierStatus, "failed"): "en échec",
    (enums.RunStatus, "failed"): "en échec",
    (enums.LineOutcome, "applied"): "traitée",
    (enums.QueueOutcome, "applied"): "traité manuellement",
    (enums.QueueAction, "taken"): "prise en charge",
    (enums.QueueStatus, "taken"): "pris en charge",
    (enums.QueueAction, "resolved"): "résolution",
    (enums.QueueStatus, "resolved"): "résolu",
}


def label(member: StrEnum) -> str:
    """The French label of a stored state or code, right for its own enum."""
    return _BY_ENUM.get((type(member), member.value)) or enums.label(member)
