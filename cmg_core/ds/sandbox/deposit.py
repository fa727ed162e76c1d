"""The usager's side of the sandbox: deposit a dossier as a partner would, or update it.

Champs are given by label (as on the DS form's published revision) or by key
(`demarches.ChampSpec.key`); the files go to the démarche's pièce justificative. A dossier is
deposited on the published revision and keeps it. A required checkbox is ticked unless said
otherwise (DS refuses a deposit without it); other required champs must be given.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cmg_core.ds.demarches import ChampType, DemarcheSpec
from cmg_core.ds.files import md5_base64
from cmg_core.ds.ids import global_id
from cmg_core.ds.sandbox import revisions
from cmg_core.ds.sandbox.revisions import RevisionChamp, SandboxDemarche
from cmg_core.ds.sandbox.store import SandboxStore

TRUE_WORDS = {"1", "true", "oui", "yes", "on", "x", "vrai"}
FALSE_WORDS = {"0", "false", "non", "no", "off", "", "faux"}


class DepositRefused(ValueError):
    """The deposit or update would be refused by DS (message in French)."""


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"

    @classmethod
    def from_path(cls, path: str | Path) -> UploadedFile:
        path = Path(path)
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        content_type = xlsx if path.suffix.lower() == ".xlsx" else "application/octet-stream"
        return cls(path.name, path.read_bytes(), content_type)


@dataclass(frozen=True)
class Deposited:
    number: int
    id: str
    demarche: int


def _demarche(db: sqlite3.Connection, demarche: str | int | DemarcheSpec) -> SandboxDemarche:
    """The démarche (by key, number or spec) with its published revision."""
    if isinstance(demarche, DemarcheSpec):
        demarche = demarche.key
    if isinstance(demarche, int):
        found = revisions.demarche(db, demarche)
    else:
        found = revisions.demarche_by_key(db, str(demarche))
    if found is None:
        raise DepositRefused(f"Démarche inconnue : {demarche}")
    return found


def _champ(spec: SandboxDemarche, name: str) -> RevisionChamp:
    champ = spec.champ(name)
    if champ is None:
        raise DepositRefused(f"Champ inconnu pour la démarche {spec.key} : « {name} »")
    return champ


def _coerce(champ: RevisionChamp, raw: object) -> object:
    if champ.type in (ChampType.CHECKBOX, ChampType.YES_NO):
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().casefold()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise DepositRefused(f"« {champ.label} » attend oui ou non, pas « {raw} »")
        return word in TRUE_WORDS
    text = str(raw).strip()
    if champ.type is ChampType.DROP_DOWN and text and text not in champ.options:
        choices = ", ".join(champ.options)
        raise DepositRefused(f"« {champ.label} » : « {text} » n'est pas un choix ({choices})")
    if champ.type is ChampType.SIRET:
        text = text.replace(" ", "")
        if not (text.isdigit() and len(text) == 14):
            raise DepositRefused(f"« {champ.label} » : un SIRET a 14 chiffres")
    if champ.type is ChampType.DATE and text:
        text = date.fromisoformat(text).isoformat()
    return text or None


def _values(
    spec: SandboxDemarche, fields: Mapping[str, object], siret: str, *, initial: bool
) -> dict[str, object]:
    values = {
        _champ(spec, name).descriptor_id: _coerce(_champ(spec, name), v)
        for name, v in fields.items()
    }
    if not initial:
        return values
    for champ in spec.champs:
        if champ.type is ChampType.SIRET and champ.descriptor_id not in values:
            values[champ.descriptor_id] = _coerce(champ, siret)
        if champ.type is ChampType.CHECKBOX and champ.descriptor_id not in values:
            values[champ.descriptor_id] = champ.required
    return values


def _file_champ(spec: SandboxDemarche) -> RevisionChamp:
    for champ in spec.champs:
        if champ.type is ChampType.PIECE_JUSTIFICATIVE:
            return champ
    raise DepositRefused(f"La démarche {spec.key} n'accepte pas de fichier")


def _save(
    db: sqlite3.Connection,
    number: int,
    spec: SandboxDemarche,
    values: Mapping[str, object],
    files: Sequence[UploadedFile],
    now: int,
) -> None:
    for descriptor_id, value in values.items():
        db.execute(
            "INSERT OR REPLACE INTO champs VALUES (?, ?, ?, ?)",
            (number, descriptor_id, json.dumps(value), now),
        )
    if not files:
        return
    descriptor_id = _file_champ(spec).descriptor_id
    db.execute(
        "DELETE FROM champ_files WHERE dossier_number = ? AND descriptor_id = ?",
        (number, descriptor_id),
    )
    db.execute("INSERT OR REPLACE INTO champs VALUES (?, ?, NULL, ?)", (number, descriptor_id, now))
    for position, file in enumerate(files):
        blob = db.execute(
            "INSERT INTO blobs (dossier_number, filename, content_type, byte_size, checksum,"
            " data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (number, file.filename, file.content_type, len(file.content),
             md5_base64(file.content), file.content, now),
        ).lastrowid  # fmt: skip
        db.execute(
            "INSERT INTO champ_files VALUES (?, ?, ?, ?)", (number, descriptor_id, position, blob)
        )


def submit(
    store: SandboxStore,
    demarche: str | int | DemarcheSpec,
    *,
    siret: str,
    email: str,
    files: Sequence[UploadedFile] = (),
    fields: Mapping[str, object] | None = None,
    draft: bool = False,
) -> Deposited:
    """Deposit a dossier (state `en_construction`), or keep it a draft (never served)."""
    with store.write() as db:
        spec = _demarche(db, demarche)
        values = _values(spec, fields or {}, siret, initial=True)
        given = {k for k, v in values.items() if v is not None} | (
            {_file_champ(spec).descriptor_id} if files else set()
        )
        missing = [c.label for c in spec.champs if c.required and c.descriptor_id not in given]
        if missing and not draft:
            raise DepositRefused("Champs obligatoires manquants : " + ", ".join(missing))
        now = store.now_us(db)
        number = db.execute(
            "INSERT INTO dossiers (demarche_number, state, siret, email, created_at, depose_at,"
            " updated_at, revision_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (spec.number, "brouillon" if draft else "en_construction", siret.replace(" ", ""),
             email, now, None if draft else now, now, spec.revision_id),
        ).lastrowid  # fmt: skip
        _save(db, number, spec, values, files, now)
    return Deposited(number=number, id=global_id("Dossier", number), demarche=spec.number)


def update(
    store: SandboxStore,
    number: int,
    *,
    files: Sequence[UploadedFile] = (),
    fields: Mapping[str, object] | None = None,
) -> None:
    """The usager edits a dossier en construction (e.g. a new file after a correction
    request): champs change, pending corrections are resolved, dateDerniereModification moves."""
    with store.write() as db:
        row = db.execute("SELECT * FROM dossiers WHERE number = ?", (number,)).fetchone()
        if row is None or row["state"] == "brouillon" or row["deleted_at"] is not None:
            raise DepositRefused(f"Dossier {number} introuvable")
        if row["state"] != "en_construction":
            raise DepositRefused(f"Le dossier {number} n'est plus modifiable par l'usager")
        spec = revisions.demarche(db, row["demarche_number"], row["revision_id"])
        values = _values(spec, fields or {}, row["siret"] or "", initial=False)
        now = store.now_us(db)
        _save(db, number, spec, values, files, now)
        db.execute(
            "UPDATE messages SET correction_resolved_at = ? WHERE dossier_number = ?"
            " AND correction IS NOT NULL AND correction_resolved_at IS NULL",
            (now, number),
        )
        db.execute(
            "UPDATE dossiers SET updated_at = ?, correction_pending_at = NULL WHERE number = ?",
            (now, number),
        )
