"""The instructeur's side of the sandbox: the dossier state machine, messages, attachments.

    en_construction ──passer en instruction──▶ en_instruction ──▶ accepte | refuse | sans_suite
          ▲                                          │
          └──────── message with `correction` ───────┘

A refused transition raises `Refused` (a payload error, as DS answers); an unknown object
raises `NotFound` (a top-level error with code `not_found`).
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3
import time

from cmg_core.ds.ids import parse_int_id
from cmg_core.ds.sandbox import signing
from cmg_core.ds.sandbox.store import SandboxStore

INSTRUCTEUR_EMAIL = "instructeur@sandbox-ds.invalid"
BLOB_TTL = 3600  # a signedBlobId is valid one hour, as on DS
DISPLAY = {
    "en_construction": "en construction",
    "en_instruction": "en instruction",
    "accepte": "accepté",
    "refuse": "refusé",
    "sans_suite": "classé sans suite",
}
DECISIONS = ("accepte", "refuse", "sans_suite")


class Refused(Exception):
    """DS refuses the mutation; `message` is what it says in payload `errors`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Exception):
    """No such object visible to the token (DS: code `not_found`)."""


def dossier_row(db: sqlite3.Connection, dossier_id: str) -> sqlite3.Row:
    number = parse_int_id(dossier_id, "Dossier")
    row = None
    if number is not None:
        row = db.execute("SELECT * FROM dossiers WHERE number = ?", (number,)).fetchone()
    if row is None or row["state"] == "brouillon" or row["deleted_at"] is not None:
        raise NotFound("Dossier not found")
    return row


def passer_en_instruction(store: SandboxStore, dossier_id: str) -> int:
    with store.write() as db:
        row = dossier_row(db, dossier_id)
        if row["state"] != "en_construction":
            raise Refused(f"Le dossier est déjà {DISPLAY[row['state']]}")
        now = store.now_us(db)
        db.execute(
            "UPDATE dossiers SET state = 'en_instruction', en_instruction_at = ?, updated_at = ?"
            " WHERE number = ?",
            (now, now, row["number"]),
        )
        return row["number"]


def decide(
    store: SandboxStore,
    dossier_id: str,
    target: str,
    *,
    motivation: str | None,
    justificatif: str | None,
) -> int:
    """Accept, refuse or classer sans suite a dossier en instruction (and only then)."""
    assert target in DECISIONS
    with store.write() as db:
        row = dossier_row(db, dossier_id)
        if row["state"] != "en_instruction":
            raise Refused(f"Le dossier est déjà {DISPLAY[row['state']]}")
        if target != "accepte" and not (motivation or "").strip():
            raise Refused("La motivation est obligatoire")
        blob = blob_from_signed_id(store, db, justificatif) if justificatif else None
        now = store.now_us(db)
        db.execute(
            "UPDATE dossiers SET state = ?, traitement_at = ?, updated_at = ?, motivation = ?,"
            " justificatif_blob = ? WHERE number = ?",
            (target, now, now, motivation, blob, row["number"]),
        )
        return row["number"]


def send_message(
    store: SandboxStore,
    dossier_id: str,
    body: str,
    *,
    attachment: str | None,
    correction: str | None,
) -> int:
    """Store a message; with `correction` the dossier goes back en construction."""
    with store.write() as db:
        row = dossier_row(db, dossier_id)
        if not body.strip():
            raise Refused("Le message ne peut pas être vide")
        if correction and row["state"] not in ("en_construction", "en_instruction"):
            raise Refused(
                f"Impossible de demander une correction : le dossier est {DISPLAY[row['state']]}"
            )
        blob = blob_from_signed_id(store, db, attachment) if attachment else None
        now = store.now_us(db)
        message_id = db.execute(
            "INSERT INTO messages (dossier_number, body, email, created_at, attachment_blob,"
            " correction) VALUES (?, ?, ?, ?, ?, ?)",
            (row["number"], body, INSTRUCTEUR_EMAIL, now, blob, correction),
        ).lastrowid
        if correction:
            db.execute(
                "UPDATE dossiers SET state = 'en_construction', correction_pending_at = ?,"
                " updated_at = ? WHERE number = ?",
                (now, now, row["number"]),
            )
        return message_id


def create_upload(
    store: SandboxStore,
    dossier_id: str,
    *,
    filename: str,
    byte_size: int,
    checksum: str,
    content_type: str,
) -> int:
    """Declare a blob whose bytes will be PUT to the sandbox (`receive_upload`)."""
    with store.write() as db:
        row = dossier_row(db, dossier_id)
        return db.execute(
            "INSERT INTO blobs (dossier_number, filename, content_type, byte_size, checksum,"
            " data, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)",
            (row["number"], filename, content_type, byte_size, checksum, store.now_us(db)),
        ).lastrowid


def receive_upload(store: SandboxStore, blob_id: int, content: bytes, content_md5: str) -> str:
    """Store the PUT bytes; '' when accepted, else the storage's refusal (S3-like code)."""
    with store.write() as db:
        blob = db.execute("SELECT * FROM blobs WHERE id = ?", (blob_id,)).fetchone()
        if blob is None:
            return "NoSuchUpload"
        actual = base64.b64encode(hashlib.md5(content).digest()).decode("ascii")
        if content_md5 != blob["checksum"] or actual != blob["checksum"]:
            return "BadDigest"
        if len(content) != blob["byte_size"]:
            return "IncompleteBody"
        db.execute("UPDATE blobs SET data = ? WHERE id = ?", (content, blob_id))
        return ""


def signed_blob_id(store: SandboxStore, blob_id: int) -> str:
    payload = {"b": blob_id, "exp": time.time() + BLOB_TTL}
    return signing.sign(store.secret, "blob", payload)


def blob_from_signed_id(store: SandboxStore, db: sqlite3.Connection, signed: str) -> int:
    """The blob behind a `signedBlobId`, uploaded, checked and not expired."""
    payload = signing.verify(store.secret, "blob", signed)
    if payload is None or payload.get("exp", 0) < time.time():
        raise Refused("La pièce jointe est invalide ou a expiré")
    row = db.execute("SELECT data FROM blobs WHERE id = ?", (payload["b"],)).fetchone()
    if row is None or row["data"] is None:
        raise Refused("La pièce jointe n'a pas été téléversée")
    return int(payload["b"])
