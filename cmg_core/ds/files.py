"""Files on DS storage: download (size limit, MD5 check) and the direct-upload PUT.

Storage URLs are signed and carry no DS token: the storage client never sends the Bearer
header, and an upload sends exactly the headers DS returned.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping

import httpx

from cmg_core.ds import errors
from cmg_core.ds.graphql_http import Retrier, raise_for_status, send
from cmg_core.ds.models import DossierFile

DOWNLOAD = "download"
UPLOAD = "directUploadPut"
EXPIRED_STATUSES = frozenset({403, 404, 410})  # what S3-like storage answers past expiry
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class _URLExpired(Exception):
    """Internal: the storage refused the URL; the caller re-queries the dossier."""


def md5_base64(content: bytes) -> str:
    """DS `checksum`: the base64 of the content's MD5 digest."""
    return base64.b64encode(hashlib.md5(content).digest()).decode("ascii")


class FileStorage:
    """Downloads and uploads the bytes of DS files, with retries on storage failures."""

    def __init__(self, http: httpx.Client, retrier: Retrier) -> None:
        self._http = http  # no base_url, no Authorization header
        self._retrier = retrier

    def download(
        self,
        file: DossierFile,
        *,
        refresh: Callable[[DossierFile], DossierFile],
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> bytes:
        """The file's bytes, checked; on an expired URL, `refresh` gives a new one once."""
        try:
            return self._download_once(file, max_bytes)
        except _URLExpired:
            fresh = refresh(file)
        try:
            return self._download_once(fresh, max_bytes)
        except _URLExpired as exc:
            raise errors.DSFileExpired(
                DOWNLOAD, f"« {file.filename} » : lien expiré même après rafraîchissement"
            ) from exc

    def _download_once(self, file: DossierFile, max_bytes: int) -> bytes:
        if file.byte_size > max_bytes:
            raise errors.DSFileTooLarge(
                DOWNLOAD, f"« {file.filename} » : {file.byte_size} octets", limit=max_bytes
            )
        content = self._retrier.run(
            DOWNLOAD, lambda: self._fetch(file.url, max_bytes), mutation=False
        )
        actual = md5_base64(content)
        if actual != file.checksum:
            raise errors.DSChecksumMismatch(
                DOWNLOAD,
                f"« {file.filename} » : somme de contrôle différente",
                expected=file.checksum,
                actual=actual,
            )
        return content

    def _fetch(self, url: str, max_bytes: int) -> bytes:
        def stream() -> bytes:
            with self._http.stream("GET", url) as response:
                if response.status_code in EXPIRED_STATUSES:
                    raise _URLExpired(response.status_code)
                raise_for_status(DOWNLOAD, response)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise errors.DSFileTooLarge(
                            DOWNLOAD, f"plus de {max_bytes} octets reçus", limit=max_bytes
                        )
                    chunks.append(chunk)
                return b"".join(chunks)

        return send(DOWNLOAD, stream)

    def upload(self, url: str, headers: Mapping[str, str], content: bytes) -> None:
        """PUT the bytes to the direct-upload `url` with exactly DS's `headers` (idempotent)."""

        def attempt() -> httpx.Response:
            response = send(
                UPLOAD, lambda: self._http.put(url, content=content, headers=dict(headers))
            )
            if response.status_code >= 500 or response.status_code == 429:
                raise_for_status(UPLOAD, response)
            return response

        response = self._retrier.run(UPLOAD, attempt, mutation=False)
        if not response.is_success:
            raise errors.DSUploadRefused(
                UPLOAD, f"stockage : HTTP {response.status_code}", status_code=response.status_code
            )
