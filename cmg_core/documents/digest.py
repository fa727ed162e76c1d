"""Canonical data, SHA-256 digests and document ids of attestations and bilans.

The digest is computed from a canonical JSON of the document's data, never from the PDF bytes,
so that it identifies what was declared whatever the rendering. The times of rendering (an
attestation's `generated_at`, a bilan's `processed_at`) and the document id itself are left
out: the same declaration always gets the same digest and id.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from cmg_core.values import CENT

if TYPE_CHECKING:
    from datetime import date

    from cmg_core.documents.model import Attestation, Bilan

FORMAT_VERSION = 1


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _deposit(document: str, d: Attestation | Bilan) -> dict[str, Any]:
    """What attestations and bilans share: issuer, structure, month and deposit."""
    structure = d.structure
    return {
        "document": document,
        "version": FORMAT_VERSION,
        "caf": {"name": d.caf.name, "code": d.caf.code},
        "structure": {
            "siret": structure.siret,
            "name": structure.name,
            "kind": str(structure.kind),
            "commune": structure.commune,
        },
        "month": d.month.iso,
        "deposit_reference": d.deposit_reference,
        "deposited_on": _day(d.deposited_on),
    }


def canonical_json(data: dict[str, Any]) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces: one text for one content."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def attestation_data(a: Attestation) -> dict[str, Any]:
    """The attestation's content as plain JSON values (amounts as "123.40" strings)."""
    return {
        **_deposit("attestation-cmg", a),
        "allocataire": a.allocataire,
        "children": [
            {
                "last_name": c.last_name,
                "first_name": c.first_name,
                "birth_date": _day(c.birth_date),
                "total_hours": c.total_hours,
                "special_hours": c.special_hours,
                "amount": str(c.amount.quantize(CENT)),
                "end_date": _day(c.end_date),
            }
            for c in a.children
        ],
    }


def bilan_data(b: Bilan) -> dict[str, Any]:
    """The bilan's content as plain JSON values (absences and withdrawals only when there are
    some, so that the ids of bilans without them are unchanged)."""
    extra: dict[str, Any] = {}
    if b.absent:
        extra["absent"] = [[m.allocataire, m.child_name, _day(m.birth_date)] for m in b.absent]
    if b.withdrawn:
        extra["withdrawn"] = list(b.withdrawn)
    return {
        **_deposit("bilan-cmg", b),
        **extra,
        "lines": [
            {
                "row": line.row,
                "allocataire": line.allocataire,
                "child_name": line.child_name,
                "outcome": str(line.outcome),
                "reason": line.reason,
                "action": line.action,
            }
            for line in b.lines
        ],
    }


def sha256_hex(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def attestation_digest(a: Attestation) -> str:
    """SHA-256 (64 hex digits) of the attestation's canonical data."""
    return sha256_hex(attestation_data(a))


def bilan_digest(b: Bilan) -> str:
    """SHA-256 (64 hex digits) of the bilan's canonical data."""
    return sha256_hex(bilan_data(b))


def attestation_document_id(a: Attestation) -> str:
    """`ATT-493-2026-03-1234567-1a2b3c4d`: Caf, month, allocataire, start of the digest."""
    return f"ATT-{a.caf.code}-{a.month.iso}-{a.allocataire}-{attestation_digest(a)[:8]}"


def bilan_document_id(b: Bilan) -> str:
    """`BIL-493-2026-03-12345678900012-1a2b3c4d`: Caf, month, SIRET, start of the digest."""
    return f"BIL-{b.caf.code}-{b.month.iso}-{b.structure.siret}-{bilan_digest(b)[:8]}"
