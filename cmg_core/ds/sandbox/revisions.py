"""The sandbox's démarches and their revisions: what DS's `publishedRevision` answers.

The sandbox creates its three démarches once per database (numbers and champs from
`demarches.DEMARCHES`), each with a first published revision whose champ ids are the sandbox's
own — fixed, or random per database with `shuffle_ids` (the real DS's ids are unknown to the
product too). `revise` publishes a new revision: a renamed champ keeps its id, a replaced one
gets a new id (and possibly a new label). A dossier keeps the revision it was deposited on
(DS rebases dossiers not yet terminated; the sandbox does not, so older revisions stay served).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from cmg_core.ds import demarches
from cmg_core.ds.demarches import ChampType
from cmg_core.ds.ids import global_id

SCHEMA = """
CREATE TABLE IF NOT EXISTS demarches (
  number INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, demarche_number INTEGER NOT NULL,
  created_at INTEGER NOT NULL, published_at INTEGER);
CREATE TABLE IF NOT EXISTS revision_champs (
  revision_id INTEGER NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL,
  descriptor_id TEXT NOT NULL, label TEXT NOT NULL, type TEXT NOT NULL,
  required INTEGER NOT NULL, options TEXT NOT NULL, PRIMARY KEY (revision_id, position));
"""
IDS_META = "champ_ids"  # 'fixed' or 'shuffled', chosen when the database is created
FIXED_FIRST_IDS = {"habilitations": 1101, "MC": 1201, "GAD": 1301}


class RevisionRefused(ValueError):
    """The revision asked for cannot be published (message in French)."""


@dataclass(frozen=True)
class RevisionChamp:
    """One champ descriptor of a revision; `key` is the sandbox's own handle on it."""

    key: str
    descriptor_id: str
    label: str
    type: ChampType
    required: bool
    options: tuple[str, ...]

    @property
    def descriptor_typename(self) -> str:
        return demarches.DESCRIPTOR_TYPES[self.type][0]


@dataclass(frozen=True)
class SandboxDemarche:
    """A démarche as the sandbox serves it, with one of its revisions."""

    number: int
    key: str
    title: str
    state: str
    revision_id: int
    champs: tuple[RevisionChamp, ...]

    @property
    def revision_global_id(self) -> str:
        return revision_global_id(self.revision_id)

    def champ(self, name: str) -> RevisionChamp | None:
        """The champ whose label or key is `name` (case-insensitive), or None."""
        wanted = name.strip().casefold()
        for champ in self.champs:
            if wanted in (champ.label.casefold(), champ.key.casefold()):
                return champ
        return None


def revision_global_id(revision_id: int) -> str:
    return global_id("ProcedureRevision", revision_id)


def _new_id(db: sqlite3.Connection) -> str:
    while True:
        candidate = global_id("Champ", 10_000 + secrets.randbelow(90_000_000))
        used = db.execute(
            "SELECT 1 FROM revision_champs WHERE descriptor_id = ?", (candidate,)
        ).fetchone()
        if used is None:
            return candidate


def install(db: sqlite3.Connection, *, shuffle_ids: bool, now: int) -> None:
    """Create the démarches and their first revisions, unless this database has them.

    Raises `RevisionRefused` when `shuffle_ids` is asked of a database created with fixed ids.
    """
    row = db.execute("SELECT value FROM meta WHERE key = ?", (IDS_META,)).fetchone()
    if row is not None:
        if shuffle_ids and row[0] != "shuffled":
            raise RevisionRefused(
                "Ce bac à sable a été créé avec des identifiants de champs fixes : pour des "
                "identifiants aléatoires, partez d'une nouvelle base (CMG_SANDBOX_DB)."
            )
        return
    db.execute("INSERT INTO meta VALUES (?, ?)", (IDS_META, "shuffled" if shuffle_ids else "fixed"))
    for spec in demarches.DEMARCHES:
        db.execute(
            "INSERT INTO demarches VALUES (?, ?, ?, 'publiee')", (spec.number, spec.key, spec.title)
        )
        revision = _new_revision(db, spec.number, now)
        first = FIXED_FIRST_IDS[spec.key]
        for position, champ in enumerate(spec.champs):
            descriptor_id = _new_id(db) if shuffle_ids else global_id("Champ", first + position)
            _add_champ(db, revision, position, RevisionChamp(
                champ.key, descriptor_id, champ.label, champ.type, champ.required, champ.options,
            ))  # fmt: skip
    # Dossiers of a sandbox older than revisions belong to their démarche's first revision.
    db.execute(
        "UPDATE dossiers SET revision_id = (SELECT min(r.id) FROM revisions r"
        " WHERE r.demarche_number = dossiers.demarche_number) WHERE revision_id IS NULL"
    )


def _new_revision(db: sqlite3.Connection, number: int, now: int) -> int:
    return db.execute(
        "INSERT INTO revisions (demarche_number, created_at, published_at) VALUES (?, ?, ?)",
        (number, now, now),
    ).lastrowid


def _add_champ(db: sqlite3.Connection, revision: int, position: int, c: RevisionChamp) -> None:
    db.execute(
        "INSERT INTO revision_champs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (revision, position, c.key, c.descriptor_id, c.label, c.type.value, int(c.required),
         json.dumps(list(c.options))),
    )  # fmt: skip


def champs_of(db: sqlite3.Connection, revision_id: int) -> tuple[RevisionChamp, ...]:
    rows = db.execute(
        "SELECT * FROM revision_champs WHERE revision_id = ? ORDER BY position", (revision_id,)
    ).fetchall()
    return tuple(
        RevisionChamp(r["key"], r["descriptor_id"], r["label"], ChampType(r["type"]),
                      bool(r["required"]), tuple(json.loads(r["options"])))
        for r in rows
    )  # fmt: skip


def _published_id(db: sqlite3.Connection, number: int) -> int:
    return db.execute(
        "SELECT max(id) FROM revisions WHERE demarche_number = ? AND published_at IS NOT NULL",
        (number,),
    ).fetchone()[0]


def demarche(
    db: sqlite3.Connection, number: int, revision_id: int | None = None
) -> SandboxDemarche | None:
    """Démarche `number` with revision `revision_id` (its published one by default)."""
    row = db.execute("SELECT * FROM demarches WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    revision = revision_id if revision_id is not None else _published_id(db, number)
    return SandboxDemarche(
        row["number"], row["key"], row["title"], row["state"], revision, champs_of(db, revision)
    )


def demarche_by_key(db: sqlite3.Connection, key: str) -> SandboxDemarche | None:
    row = db.execute(
        "SELECT number FROM demarches WHERE lower(key) = lower(?)", (key.strip(),)
    ).fetchone()
    return None if row is None else demarche(db, row["number"])


def revise(
    db: sqlite3.Connection,
    key: str,
    *,
    renames: Mapping[str, str],
    replaces: Mapping[str, str | None],
    now: int,
) -> SandboxDemarche:
    """Publish a new revision of démarche `key`: `renames` (label → new label) keep each
    champ's id; `replaces` (label → new label, or None to keep it) give the champ a new id."""
    current = demarche_by_key(db, key)
    if current is None:
        raise RevisionRefused(f"Démarche inconnue : {key}")
    changes: dict[str, tuple[bool, str | None]] = {}  # descriptor id → (new id?, new label)
    for asked, new_id in [*((r, False) for r in renames.items()),
                          *((r, True) for r in replaces.items())]:  # fmt: skip
        label, new_label = asked
        champ = current.champ(label)
        if champ is None:
            known = ", ".join(f"« {c.label} »" for c in current.champs)
            raise RevisionRefused(f"Champ inconnu : « {label} » (champs : {known})")
        changes[champ.descriptor_id] = (new_id, new_label)
    revision = _new_revision(db, current.number, now)
    for position, champ in enumerate(current.champs):
        new_id, new_label = changes.get(champ.descriptor_id, (False, None))
        _add_champ(db, revision, position, RevisionChamp(
            champ.key, _new_id(db) if new_id else champ.descriptor_id, new_label or champ.label,
            champ.type, champ.required, champ.options,
        ))  # fmt: skip
    return demarche(db, current.number)
