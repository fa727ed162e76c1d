"""The DS GraphQL API v2 client: dossiers page by page, decisions, messages, files.

The transport, timeouts and base URL are injected (as in httpx), so tests hand it an
`httpx.MockTransport` or point it at the DS sandbox; production points it at the real DS.
It persists nothing: the caller saves each page's rows and `end_cursor` in one transaction.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, Protocol, TypeVar

import httpx

from cmg_core.ds import documents, errors, guards, parse
from cmg_core.ds.files import DEFAULT_MAX_BYTES, FileStorage, md5_base64
from cmg_core.ds.graphql_http import GraphQLEndpoint, Retrier, RetryPolicy
from cmg_core.ds.ids import parse_int_id
from cmg_core.ds.models import (
    CorrectionReason,
    DeletedDossierPage,
    DemarcheRevision,
    Dossier,
    DossierFile,
    DossierPage,
    DossierState,
    DossierSummary,
    Message,
)

PAGE_SIZE = 100  # the most DS serves per page
DEFAULT_TIMEOUT = httpx.Timeout(35.0, connect=5.0)  # DS itself gives up at 30 s


class DSClient:
    """A typed client of one DS instance, acting as one instructeur."""

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        instructeur_id: str,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.instructeur_id = instructeur_id
        retrier = self._retrier = Retrier(retry or RetryPolicy(), sleep=sleep, clock=clock)
        self._api = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        self._storage_http = httpx.Client(transport=transport, timeout=timeout)
        self._graphql = GraphQLEndpoint(self._api, retrier)
        self._storage = FileStorage(self._storage_http, retrier)

    @classmethod
    def from_settings(cls, **overrides: Any) -> DSClient:
        """A client configured by CMG_DS_URL, CMG_DS_TOKEN and CMG_DS_INSTRUCTEUR_ID
        (`guards.DSConfigurationError` before any call when they must not be used)."""
        ds = guards.configured()
        options: dict[str, Any] = {
            "base_url": ds.base_url,
            "token": ds.token,
            "instructeur_id": ds.instructeur_id,
        }
        options.update(overrides)
        return cls(**options)

    def __repr__(self) -> str:  # never shows the token
        return f"DSClient(base_url={self.base_url!r}, instructeur_id={self.instructeur_id!r})"

    @property
    def retry_seconds(self) -> float:
        """Seconds this client has slept between retries (at most the policy's total)."""
        return self._retrier.slept

    def close(self) -> None:
        self._api.close()
        self._storage_http.close()

    def __enter__(self) -> DSClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- queries ---------------------------------------------------------------------------

    def execute(
        self, operation: str, variables: Mapping[str, Any], *, mutation: bool = False
    ) -> dict[str, Any]:
        """Send the `.graphql` document named `operation`; its `data`, or a `DSError`."""
        document = documents.load(operation)
        return self._graphql.execute(operation, document, variables, mutation=mutation)

    def dossier_page(
        self,
        demarche_number: int,
        *,
        after: str | None = None,
        updated_since: datetime | None = None,
        state: DossierState | None = None,
        first: int = PAGE_SIZE,
    ) -> DossierPage:
        """One page of the démarche's dossiers after cursor `after` (drafts never appear).

        For an incremental sync keep `updated_since` fixed and pass the saved cursor: DS then
        orders by last modification, so a dossier changed since reappears after the cursor.
        """
        if updated_since is not None and updated_since.tzinfo is None:
            raise ValueError("updated_since must be timezone-aware")
        variables = {
            "demarcheNumber": demarche_number,
            "first": min(first, PAGE_SIZE),
            "after": after,
            "state": state.value if state else None,
            "updatedSince": updated_since.isoformat() if updated_since else None,
        }
        data = self.execute("getDemarcheDossiers", variables)
        connection = data["demarche"]["dossiers"]
        info = connection["pageInfo"]
        return DossierPage(
            demarche_number=demarche_number,
            dossiers=tuple(parse.dossier(n) for n in connection["nodes"] if n is not None),
            end_cursor=info.get("endCursor") or after,
            has_next_page=bool(info["hasNextPage"]),
            updated_since=updated_since,
        )

    def dossier_pages(
        self,
        demarche_number: int,
        *,
        after: str | None = None,
        updated_since: datetime | None = None,
        state: DossierState | None = None,
    ) -> Iterator[DossierPage]:
        """Every page from cursor `after` on; save each page before asking for the next."""
        return _walk(
            after,
            lambda cursor: self.dossier_page(
                demarche_number, after=cursor, updated_since=updated_since, state=state
            ),
        )

    def demarche_revision(self, demarche_number: int) -> DemarcheRevision:
        """The démarche's state, published revision (champ descriptors) and instructeurs;
        `DSNotFound` when the démarche does not exist or the token cannot see it."""
        data = self.execute("getDemarcheRevision", {"demarcheNumber": demarche_number})
        return parse.demarche_revision(data["demarche"])

    def deleted_dossier_page(
        self, demarche_number: int, *, after: str | None, deleted_since: datetime
    ) -> DeletedDossierPage:
        """One page of the démarche's deleted dossiers, oldest deletion first."""
        if deleted_since.tzinfo is None:
            raise ValueError("deleted_since must be timezone-aware")
        variables = {
            "demarcheNumber": demarche_number,
            "first": PAGE_SIZE,
            "after": after,
            "deletedSince": deleted_since.isoformat(),
        }
        data = self.execute("getDeletedDossiers", variables)
        connection = data["demarche"]["deletedDossiers"]
        info = connection["pageInfo"]
        return DeletedDossierPage(
            demarche_number=demarche_number,
            deleted=tuple(parse.deleted_dossier(n) for n in connection["nodes"] if n is not None),
            end_cursor=info.get("endCursor") or after,
            has_next_page=bool(info["hasNextPage"]),
        )

    def deleted_dossier_pages(
        self, demarche_number: int, *, after: str | None, deleted_since: datetime
    ) -> Iterator[DeletedDossierPage]:
        """Every page of deleted dossiers from cursor `after` on (keep `deleted_since` fixed
        and save each page's `end_cursor`, as for dossiers)."""
        return _walk(
            after,
            lambda cursor: self.deleted_dossier_page(
                demarche_number, after=cursor, deleted_since=deleted_since
            ),
        )

    def dossier(self, number: int) -> Dossier:
        """One dossier with its messages; `DSNotFound` when it does not exist."""
        return parse.dossier(self.execute("getDossier", {"dossierNumber": number})["dossier"])

    # -- decisions and messages ------------------------------------------------------------

    def dossier_passer_en_instruction(self, dossier_id: str) -> DossierSummary:
        return self._decide("dossierPasserEnInstruction", {"dossierId": dossier_id})

    def dossier_accepter(
        self,
        dossier_id: str,
        *,
        motivation: str | None = None,
        justificatif: str | None = None,
    ) -> DossierSummary:
        """Accept (from `en_instruction` only); `justificatif` is a `signedBlobId`."""
        fields = {"dossierId": dossier_id, "motivation": motivation, "justificatif": justificatif}
        return self._decide("dossierAccepter", fields)

    def dossier_refuser(
        self, dossier_id: str, *, motivation: str, justificatif: str | None = None
    ) -> DossierSummary:
        fields = {"dossierId": dossier_id, "motivation": motivation, "justificatif": justificatif}
        return self._decide("dossierRefuser", fields)

    def dossier_classer_sans_suite(
        self, dossier_id: str, *, motivation: str, justificatif: str | None = None
    ) -> DossierSummary:
        fields = {"dossierId": dossier_id, "motivation": motivation, "justificatif": justificatif}
        return self._decide("dossierClasserSansSuite", fields)

    def dossier_envoyer_message(
        self,
        dossier_id: str,
        body: str,
        *,
        attachment: str | None = None,
        correction: CorrectionReason | None = None,
    ) -> Message:
        """Write to the usager; with `correction` DS puts the dossier back en construction."""
        fields = {
            "dossierId": dossier_id,
            "body": body,
            "attachment": attachment,
            "correction": correction.value if correction else None,
        }
        payload = self._mutate("dossierEnvoyerMessage", fields)
        number = _dossier_number_hint(dossier_id)
        return parse.message(payload["message"], dossier_number=number)

    def _decide(self, operation: str, fields: Mapping[str, Any]) -> DossierSummary:
        return parse.summary(self._mutate(operation, fields)["dossier"])

    def _mutate(self, operation: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        given = {k: v for k, v in fields.items() if v is not None}
        given["instructeurId"] = self.instructeur_id
        data = self.execute(operation, {"input": given}, mutation=True)
        payload = data.get(operation)
        if payload is None:
            raise errors.DSGraphQLError(operation, "réponse vide", code=None, errors=())
        if payload.get("errors"):
            raise errors.DSMutationError(operation, [e["message"] for e in payload["errors"]])
        return payload

    # -- files -----------------------------------------------------------------------------

    def download(self, file: DossierFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
        """The file's bytes, MD5-checked; an expired URL is renewed by re-querying the dossier."""
        return self._storage.download(file, refresh=self._fresh_file, max_bytes=max_bytes)

    def _fresh_file(self, file: DossierFile) -> DossierFile:
        for candidate in self.dossier(file.dossier_number).files:
            same = (candidate.checksum, candidate.filename) == (file.checksum, file.filename)
            if same and candidate.champ_descriptor_id == file.champ_descriptor_id:
                return candidate
        raise errors.DSFileExpired(
            "download", f"« {file.filename} » n'est plus dans le dossier {file.dossier_number}"
        )

    def upload(self, dossier_id: str, filename: str, content: bytes, content_type: str) -> str:
        """Direct upload: declare the file, PUT its bytes; the `signedBlobId` to attach."""
        fields = {
            "dossierId": dossier_id,
            "filename": filename,
            "byteSize": len(content),
            "checksum": md5_base64(content),
            "contentType": content_type,
        }
        data = self.execute("createDirectUpload", {"input": fields}, mutation=True)
        direct = data["createDirectUpload"]["directUpload"]
        self._storage.upload(direct["url"], json.loads(direct["headers"] or "{}"), content)
        return direct["signedBlobId"]


class _Page(Protocol):
    end_cursor: str | None
    has_next_page: bool


PageT = TypeVar("PageT", bound=_Page)


def _walk(after: str | None, page_after: Callable[[str | None], PageT]) -> Iterator[PageT]:
    """Pages from cursor `after` on, each asked once the caller has taken the previous."""
    cursor = after
    while True:
        page = page_after(cursor)
        yield page
        if not page.has_next_page:
            return
        cursor = page.end_cursor


def _dossier_number_hint(dossier_id: str) -> int:
    """The dossier number inside a DS global id (0 when the id is not one)."""
    return parse_int_id(dossier_id, "Dossier") or 0
