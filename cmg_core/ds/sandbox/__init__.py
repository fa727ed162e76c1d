"""A local DS: the subset of the DS GraphQL API v2 the client uses, over real HTTP.

    with Sandbox(tmp_path / "ds.db") as sandbox:           # starts on a free port
        sandbox.submit("MC", siret=..., email=..., files=[UploadedFile(...)])
        client = sandbox.client()                           # a DSClient pointed at it
        sandbox.faults.rate_limit(after=2)                  # fault injection
        sandbox.expire_file_urls()
        sandbox.revise("MC", renames={"Mois concerné (MM/AAAA)": "Mois"})  # a new revision
        sandbox.delete(7, "user_request")                   # a deleted dossier

Champ ids are the sandbox's own: fixed, or random per database with `shuffle_ids=True`.

Its state lives in its own SQLite file (CMG_SANDBOX_DB by default).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from cmg_core import settings
from cmg_core.ds.client import DSClient
from cmg_core.ds.demarches import DemarcheSpec
from cmg_core.ds.sandbox.deletion import DeletionRefused, delete
from cmg_core.ds.sandbox.deposit import Deposited, DepositRefused, UploadedFile, submit, update
from cmg_core.ds.sandbox.faults import Faults
from cmg_core.ds.sandbox.revisions import RevisionRefused, SandboxDemarche
from cmg_core.ds.sandbox.server import SandboxServer
from cmg_core.ds.sandbox.store import EXPIRED_DEMO_TOKEN, SandboxStore

__all__ = [
    "EXPIRED_DEMO_TOKEN",
    "DeletionRefused",
    "DepositRefused",
    "Deposited",
    "Faults",
    "RevisionRefused",
    "Sandbox",
    "SandboxDemarche",
    "SandboxServer",
    "SandboxStore",
    "UploadedFile",
    "submit",
    "update",
]


class Sandbox:
    """A store, its server and its faults; a context manager that starts and stops it."""

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        file_url_ttl: float = 3600.0,
        clock: Callable[[], datetime] | None = None,
        shuffle_ids: bool = False,
    ) -> None:
        self.store = SandboxStore(db_path, clock=clock, shuffle_ids=shuffle_ids)
        self.server = SandboxServer(self.store, host=host, port=port, file_url_ttl=file_url_ttl)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def faults(self) -> Faults:
        return self.server.faults

    def start(self) -> Sandbox:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        self.store.close()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def submit(
        self,
        demarche: str | int | DemarcheSpec,
        *,
        siret: str,
        email: str,
        files: Sequence[UploadedFile] = (),
        fields: Mapping[str, object] | None = None,
        draft: bool = False,
    ) -> Deposited:
        """Deposit a dossier as a partner would (see `deposit.submit`)."""
        return submit(
            self.store, demarche, siret=siret, email=email, files=files, fields=fields, draft=draft
        )

    def update(
        self,
        number: int,
        *,
        files: Sequence[UploadedFile] = (),
        fields: Mapping[str, object] | None = None,
    ) -> None:
        """The usager edits dossier `number` (see `deposit.update`)."""
        update(self.store, number, files=files, fields=fields)

    def revise(
        self,
        demarche: str,
        *,
        renames: Mapping[str, str] | None = None,
        replaces: Mapping[str, str | None] | None = None,
    ) -> SandboxDemarche:
        """Publish a new revision of `demarche` (see `revisions.revise`)."""
        return self.store.revise(demarche, renames=renames, replaces=replaces)

    def delete(self, number: int, reason: str) -> None:
        """DS deletes dossier `number` for `reason` (see `deletion.delete`)."""
        delete(self.store, number, reason)

    def demarche(self, key: str) -> SandboxDemarche:
        """Démarche `key` as served, with its published revision."""
        return next(d for d in self.store.demarches() if d.key.lower() == key.lower())

    def expire_file_urls(self) -> None:
        self.server.expire_file_urls()

    def client(self, **options: Any) -> DSClient:
        """A `DSClient` talking to this sandbox with the demo token and instructeur."""
        defaults: dict[str, Any] = {
            "base_url": self.url,
            "token": settings.SANDBOX_TOKEN,
            "instructeur_id": settings.SANDBOX_INSTRUCTEUR_ID,
        }
        return DSClient(**(defaults | options))
