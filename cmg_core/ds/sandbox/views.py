"""Stored rows → the GraphQL objects of the sandbox schema (dicts; callables for fields with
arguments, resolved by graphql-core's default resolver)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from cmg_core.ds import demarches
from cmg_core.ds.demarches import ChampSpec, ChampType, DemarcheSpec
from cmg_core.ds.ids import global_id
from cmg_core.ds.sandbox import signing
from cmg_core.ds.sandbox.store import SandboxStore, iso

View = dict[str, Any]


@dataclass(frozen=True)
class Context:
    """What a request's resolvers share: the store, the public base URL, the file URL TTL."""

    store: SandboxStore
    base_url: str
    file_url_ttl: float
    instructeur_id: str


def demarche_view(spec: DemarcheSpec, **extra: Any) -> View:
    return {
        "id": global_id("Procedure", spec.number),
        "number": spec.number,
        "title": spec.title,
        "state": "publiee",
        **extra,
    }


def file_view(ctx: Context, blob: sqlite3.Row) -> View:
    """A `File` whose `url` is signed and expires after `ctx.file_url_ttl` seconds."""
    now = time.time()
    token = signing.sign(
        ctx.store.secret, "file", {"b": blob["id"], "iat": now, "exp": now + ctx.file_url_ttl}
    )
    return {
        "filename": blob["filename"],
        "contentType": blob["content_type"],
        "checksum": blob["checksum"],
        "byteSizeBigInt": str(blob["byte_size"]),  # DS serialises BigInt as a string
        "createdAt": iso(blob["created_at"]),
        "url": f"{ctx.base_url}/files/{token}",
    }


def _blob(db: sqlite3.Connection, blob_id: int | None) -> sqlite3.Row | None:
    if blob_id is None:
        return None
    return db.execute("SELECT * FROM blobs WHERE id = ?", (blob_id,)).fetchone()


def _champ_view(ctx: Context, db: sqlite3.Connection, number: int, spec: ChampSpec, row) -> View:
    value = json.loads(row["value"]) if row["value"] is not None else None
    view: View = {
        "__typename": spec.type.value,
        "id": spec.descriptor_id,
        "champDescriptorId": spec.descriptor_id,
        "label": spec.label,
        "prefilled": False,
        "stringValue": None if value is None else str(value),
        "updatedAt": iso(row["updated_at"]),
    }
    if spec.type is ChampType.CHECKBOX:
        view["value"] = bool(value)
        view["stringValue"] = "true" if value else "false"
    elif spec.type is ChampType.DATE:
        view["date"] = value
    elif spec.type is ChampType.SIRET:
        etablissement = {"id": global_id("Etablissement", value), "siret": value}
        view["etablissement"] = etablissement if value else None
    elif spec.type is ChampType.PIECE_JUSTIFICATIVE:
        blobs = db.execute(
            "SELECT b.* FROM champ_files f JOIN blobs b ON b.id = f.blob_id"
            " WHERE f.dossier_number = ? AND f.descriptor_id = ? ORDER BY f.position",
            (number, spec.descriptor_id),
        ).fetchall()
        view["files"] = [file_view(ctx, b) for b in blobs]
        view["stringValue"] = ", ".join(b["filename"] for b in blobs)
    else:
        view["value"] = value
    return view


def champ_views(ctx: Context, number: int, spec: DemarcheSpec, champ_id: str | None) -> list[View]:
    with ctx.store.read() as db:
        rows = {
            r["descriptor_id"]: r
            for r in db.execute("SELECT * FROM champs WHERE dossier_number = ?", (number,))
        }
        return [
            _champ_view(ctx, db, number, c, rows[c.descriptor_id])
            for c in spec.champs
            if c.descriptor_id in rows and champ_id in (None, c.descriptor_id)
        ]


def message_views(ctx: Context, number: int, message_id: str | None) -> list[View]:
    with ctx.store.read() as db:
        rows = db.execute(
            "SELECT * FROM messages WHERE dossier_number = ? ORDER BY id", (number,)
        ).fetchall()
        views = []
        for row in rows:
            view_id = global_id("Commentaire", row["id"])
            if message_id not in (None, view_id):
                continue
            blob = _blob(db, row["attachment_blob"])
            correction = row["correction"]
            views.append(
                {
                    "id": view_id,
                    "body": row["body"],
                    "createdAt": iso(row["created_at"]),
                    "email": row["email"],
                    "attachments": [file_view(ctx, blob)] if blob else [],
                    "correction": {
                        "reason": correction,
                        "dateResolution": iso(row["correction_resolved_at"]),
                    }
                    if correction
                    else None,
                }
            )
        return views


def dossier_view(ctx: Context, row: sqlite3.Row) -> View:
    number = row["number"]
    spec = demarches.by_number(row["demarche_number"])
    assert spec is not None, "dossiers are only stored for configured démarches"
    with ctx.store.read() as db:
        justificatif = _blob(db, row["justificatif_blob"])
    return {
        "id": global_id("Dossier", number),
        "number": number,
        "state": row["state"],
        "dateDepot": iso(row["depose_at"]),
        "datePassageEnConstruction": iso(row["depose_at"]),
        "datePassageEnInstruction": iso(row["en_instruction_at"]),
        "dateTraitement": iso(row["traitement_at"]),
        "dateDerniereModification": iso(row["updated_at"]),
        "dateDerniereCorrectionEnAttente": iso(row["correction_pending_at"]),
        "motivation": row["motivation"],
        "motivationAttachment": file_view(ctx, justificatif) if justificatif else None,
        "demarche": demarche_view(spec),
        "usager": {"id": global_id("User", number), "email": row["email"]},
        "demandeur": {
            "__typename": "PersonneMorale",
            "id": global_id("Etablissement", row["siret"] or number),
            "siret": row["siret"] or "",
        },
        "champs": lambda _info, id=None: champ_views(ctx, number, spec, id),
        "messages": lambda _info, id=None: message_views(ctx, number, id),
    }
