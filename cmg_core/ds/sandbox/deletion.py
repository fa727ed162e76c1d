"""Deleted dossiers: `ds-sandbox delete`, and the `Demarche.deletedDossiers` DS serves.

A deleted dossier disappears from `dossiers` and `dossier(number)` (not found) and appears in
`deletedDossiers`, ordered by deletion date then number, from `deletedSince` on (inclusive),
with a keyset cursor like the dossiers'. The reason is one of DS's `DeletedDossierReason`s:
only `user_request` means the usager withdrew the dossier; `expired`, `procedure_removed`, …
are DS's housekeeping. The sandbox deletes in any state (DS lets an usager delete only a
dossier en construction; the other reasons come from DS itself).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from cmg_core.ds.ids import global_id
from cmg_core.ds.sandbox.store import SandboxStore, iso

REASONS = (
    "expired",
    "instructeur_request",
    "manager_request",
    "procedure_removed",
    "user_expired",
    "user_removed",
    "user_request",
)


class DeletionRefused(ValueError):
    """The dossier cannot be deleted (message in French)."""


def delete(store: SandboxStore, number: int, reason: str) -> None:
    """Delete dossier `number` for `reason` (one of `REASONS`)."""
    if reason not in REASONS:
        raise DeletionRefused(f"Raison inconnue : « {reason} » (raisons : {', '.join(REASONS)})")
    with store.write() as db:
        row = db.execute("SELECT * FROM dossiers WHERE number = ?", (number,)).fetchone()
        if row is None or row["state"] == "brouillon" or row["deleted_at"] is not None:
            raise DeletionRefused(f"Dossier {number} introuvable")
        db.execute(
            "UPDATE dossiers SET deleted_at = ?, deleted_reason = ? WHERE number = ?",
            (store.now_us(db), reason, number),
        )


def deleted_view(row: sqlite3.Row) -> dict[str, Any]:
    """A stored deleted dossier as a `DeletedDossier`."""
    return {
        "id": global_id("DeletedDossier", row["number"]),
        "number": row["number"],
        "state": row["state"],
        "reason": row["deleted_reason"],
        "dateSupression": iso(row["deleted_at"]),
    }
