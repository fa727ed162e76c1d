"""The DS sandbox's state in its own SQLite file (CMG_SANDBOX_DB), via stdlib sqlite3.

Times are integer microseconds since the epoch (UTC), printed to the millisecond. `now_us`
never goes backwards and moves at least one millisecond past every stored modification, so
two changes never print the same `dateDerniereModification` and keyset cursors stay exact.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from cmg_core import settings
from cmg_core.ds.sandbox import revisions

EXPIRED_DEMO_TOKEN = "sandbox-expired-token"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, instructeur_id TEXT NOT NULL, expired INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS dossiers (
  number INTEGER PRIMARY KEY AUTOINCREMENT,
  demarche_number INTEGER NOT NULL,
  state TEXT NOT NULL,
  siret TEXT,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  depose_at INTEGER,
  updated_at INTEGER NOT NULL,
  en_instruction_at INTEGER,
  traitement_at INTEGER,
  motivation TEXT,
  justificatif_blob INTEGER,
  correction_pending_at INTEGER,
  revision_id INTEGER,
  deleted_at INTEGER,
  deleted_reason TEXT);
CREATE INDEX IF NOT EXISTS dossiers_updated ON dossiers (demarche_number, updated_at, number);
CREATE INDEX IF NOT EXISTS dossiers_depose ON dossiers (demarche_number, depose_at, number);
CREATE TABLE IF NOT EXISTS champs (
  dossier_number INTEGER NOT NULL, descriptor_id TEXT NOT NULL, value TEXT,
  updated_at INTEGER NOT NULL, PRIMARY KEY (dossier_number, descriptor_id));
CREATE TABLE IF NOT EXISTS blobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, dossier_number INTEGER, filename TEXT NOT NULL,
  content_type TEXT NOT NULL, byte_size INTEGER NOT NULL, checksum TEXT NOT NULL,
  data BLOB, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS champ_files (
  dossier_number INTEGER NOT NULL, descriptor_id TEXT NOT NULL, position INTEGER NOT NULL,
  blob_id INTEGER NOT NULL, PRIMARY KEY (dossier_number, descriptor_id, position));
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT, dossier_number INTEGER NOT NULL, body TEXT NOT NULL,
  email TEXT NOT NULL, created_at INTEGER NOT NULL, attachment_blob INTEGER,
  correction TEXT, correction_resolved_at INTEGER);
"""
# Columns added since the first sandbox databases (added to an older file when it is opened).
LATER_COLUMNS = {"revision_id": "INTEGER", "deleted_at": "INTEGER", "deleted_reason": "TEXT"}


def to_us(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def from_us(micros: int | None) -> datetime | None:
    if micros is None:
        return None
    return datetime.fromtimestamp(micros / 1_000_000, tz=UTC)


def iso(micros: int | None) -> str | None:
    """An ISO8601DateTime with its offset (to the millisecond)."""
    moment = from_us(micros)
    return None if moment is None else moment.isoformat(timespec="milliseconds")


def default_path() -> Path:
    return Path(settings.get("CMG_SANDBOX_DB"))


class SandboxStore:
    """One SQLite connection shared by the server's threads, serialised by a lock."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        shuffle_ids: bool = False,
    ) -> None:
        """Open (or create) the sandbox at `path`; a new one gets random champ ids when
        `shuffle_ids` (`revisions.RevisionRefused` if an existing one has fixed ids)."""
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            self.path, check_same_thread=False, isolation_level=None, timeout=10
        )
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA + revisions.SCHEMA)
        present = {r["name"] for r in self._db.execute("PRAGMA table_info(dossiers)")}
        for column, kind in LATER_COLUMNS.items():
            if column not in present:
                self._db.execute(f"ALTER TABLE dossiers ADD COLUMN {column} {kind}")
        self._db.execute(
            "CREATE INDEX IF NOT EXISTS dossiers_deleted"
            " ON dossiers (demarche_number, deleted_at, number) WHERE deleted_at IS NOT NULL"
        )
        try:
            with self.write() as db:
                db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),)
                )
                self._seed_tokens(db)
                revisions.install(db, shuffle_ids=shuffle_ids, now=self.now_us(db))
                row = db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        except BaseException:
            self._db.close()
            raise
        self.secret = bytes.fromhex(row[0])  # signs file URLs and blob ids; never changes

    @staticmethod
    def _seed_tokens(db: sqlite3.Connection) -> None:
        instructeur = settings.SANDBOX_INSTRUCTEUR_ID
        db.execute(
            "INSERT OR IGNORE INTO tokens VALUES (?, ?, 0)", (settings.SANDBOX_TOKEN, instructeur)
        )
        db.execute(
            "INSERT OR IGNORE INTO tokens VALUES (?, ?, 1)", (EXPIRED_DEMO_TOKEN, instructeur)
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE), committed on success."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    def now_us(self, db: sqlite3.Connection) -> int:
        """Now, strictly after every stored modification time (call inside `write`)."""
        latest = db.execute("SELECT coalesce(max(updated_at), 0) FROM dossiers").fetchone()[0]
        return max(to_us(self._clock()), latest + 1000)

    def meta(self, key: str) -> str | None:
        with self.read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def demarches(self) -> list[revisions.SandboxDemarche]:
        """The démarches served, each with its published revision."""
        with self.read() as db:
            numbers = [r[0] for r in db.execute("SELECT number FROM demarches ORDER BY number")]
            return [revisions.demarche(db, n) for n in numbers]

    def champ_keys(self) -> dict[str, str]:
        """Every champ id of every revision → the sandbox's key for that champ."""
        with self.read() as db:
            rows = db.execute("SELECT DISTINCT descriptor_id, key FROM revision_champs")
            return {r["descriptor_id"]: r["key"] for r in rows}

    def revise(
        self,
        key: str,
        *,
        renames: Mapping[str, str] | None = None,
        replaces: Mapping[str, str | None] | None = None,
    ) -> revisions.SandboxDemarche:
        """Publish a new revision of démarche `key` (see `revisions.revise`)."""
        with self.write() as db:
            return revisions.revise(
                db, key, renames=renames or {}, replaces=replaces or {}, now=self.now_us(db)
            )

    def add_token(
        self, token: str, *, expired: bool = False, instructeur_id: str | None = None
    ) -> None:
        """Accept `token` (or answer 401 to it, when `expired`)."""
        instructeur = instructeur_id or settings.SANDBOX_INSTRUCTEUR_ID
        with self.write() as db:
            db.execute(
                "INSERT OR REPLACE INTO tokens VALUES (?, ?, ?)", (token, instructeur, int(expired))
            )

    def token(self, token: str) -> sqlite3.Row | None:
        with self.read() as db:
            return db.execute("SELECT * FROM tokens WHERE token = ?", (token,)).fetchone()
