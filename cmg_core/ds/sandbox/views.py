"""Stored rows → the GraphQL objects of the sandbox schema (dicts; callables for fields with
arguments, resolved by graphql-core's default resolver)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

from cmg_core.ds.demarches import ChampType
from cmg_core.ds.ids import global_id
from cmg_core.ds.sandbox import revisions, signing
from cmg_core.ds.sandbox.instruction import INSTRUCTEUR_EMAIL
from cmg_core.ds.sandbox.revisions import RevisionChamp, SandboxDemarche
from cmg_core.ds.sandbox.store import SandboxStore, iso

View = dict[str, Any]


@dataclass(frozen=True)
class Context:
    """What a request's resolvers share: the store, the public base URL, the file URL TTL."""

    store: SandboxStore
    base_url: str
    file_url_ttl: float
    instructeur_id: str
    demarches: dict[tuple[int, int | None], SandboxDemarche] = field(default_factory=dict)

    def demarche(self, number: int, revision_id: int | None = None) -> SandboxDemarche:
        """Démarche `number` at a revision (the published one by default), read once a request."""
        key = (number, revision_id)
        if key not in self.demarches:
            with self.store.read() as db:
                found = revisions.demarche(db, number, revision_id)
            assert found is not None, "dossiers are only stored for the sandbox's démarches"
            self.demarches[key] = found
        return self.demarches[key]


def revision_view(ctx: Context, demarche: SandboxDemarche) -> View:
    with ctx.store.read() as db:
        row = db.execute("SELECT * FROM revisions WHERE id = ?", (demarche.revision_id,)).fetchone()
    return {
        "id": demarche.revision_global_id,
        "dateCreation": iso(row["created_at"]),
        "datePublication": iso(row["published_at"]),
        "champDescriptors": [
            {
                "__typename": c.descriptor_typename,
                "id": c.descriptor_id,
                "label": c.label,
                "required": c.required,
                "description": None,
            }
            for c in demarche.champs
        ],
    }


def demarche_view(ctx: Context, demarche: SandboxDemarche, **extra: Any) -> View:
    """A `Demarche` (or, without `extra`, the `DemarcheDescriptor` of a dossier's revision)."""
    return {
        "id": global_id("Procedure", demarche.number),
        "number": demarche.number,
        "title": demarche.title,
        "state": demarche.state,
        "publishedRevision": lambda _info: revision_view(ctx, ctx.demarche(demarche.number)),
        "revision": lambda _info: revision_view(ctx, demarche),
        **extra,
    }


def groupe_views(ctx: Context, closed: bool | None) -> list[View]:
    """One open groupe instructeur holding every instructeur the sandbox's tokens act as."""
    if closed:
        return []
    with ctx.store.read() as db:
        ids = [r[0] for r in db.execute("SELECT DISTINCT instructeur_id FROM tokens ORDER BY 1")]
    return [
        {
            "id": global_id("GroupeInstructeur", 1),
            "number": 1,
            "label": "défaut",
            "closed": False,
            "instructeurs": [{"id": i, "email": INSTRUCTEUR_EMAIL} for i in ids],
        }
    ]


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


def _champ_view(
    ctx: Context, db: sqlite3.Connection, number: int, spec: RevisionChamp, row
) -> View:
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


def champ_views(
    ctx: Context, number: int, spec: SandboxDemarche, champ_id: str | None
) -> list[View]:
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
    spec = ctx.demarche(row["demarche_number"], row["revision_id"])
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
        "demarche": demarche_view(ctx, spec),
        "usager": {"id": global_id("User", number), "email": row["email"]},
        "demandeur": {
            "__typename": "PersonneMorale",
            "id": global_id("Etablissement", row["siret"] or number),
            "siret": row["siret"] or "",
        },
        "champs": lambda _info, id=None: champ_views(ctx, number, spec, id),
        "messages": lambda _info, id=None: message_views(ctx, number, id),
    }
