"""Storage of files and documents: content-addressed by SHA-256, written atomically.

A key looks like `ab/cd/abcdef….pdf` (the digest's first two byte pairs as folders, then the
digest and the suffix). Storing the same bytes twice gives the same key and writes nothing the
second time. The default store is a folder (`CMG_STORAGE_DIR`); another backend only has to
offer the same five methods.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cmg_core import settings

_KEY_RE = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}(\.[a-z0-9]{1,10})?$")
_SUFFIX_RE = re.compile(r"^(\.[a-z0-9]{1,10})?$")


class StorageError(Exception):
    """Base error of the storage."""


class NotStoredError(StorageError, KeyError):
    """No file under this key."""


@dataclass(frozen=True)
class StoredFile:
    key: str
    sha256: str
    size: int


class Storage(Protocol):
    def put(self, data: bytes, *, suffix: str = "") -> StoredFile: ...
    def get(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def path(self, key: str) -> Path: ...


def key_for(sha256: str, suffix: str = "") -> str:
    """The key of content whose digest is `sha256`, with a suffix like `.pdf`."""
    suffix = suffix.lower()
    if not _SUFFIX_RE.match(suffix):
        raise StorageError(f"invalid suffix {suffix!r} (expected e.g. '.pdf')")
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}{suffix}"


class FolderStorage:
    """A content-addressed folder; safe for several processes writing at once."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def put(self, data: bytes, *, suffix: str = "") -> StoredFile:
        sha256 = hashlib.sha256(data).hexdigest()
        stored = StoredFile(key_for(sha256, suffix), sha256, len(data))
        target = self.path(stored.key)
        if not target.exists():
            _write_atomically(target, data)
        return stored

    def get(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError as exc:
            raise NotStoredError(key) from exc

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def path(self, key: str) -> Path:
        if not _KEY_RE.match(key):  # also keeps any '..' out of the folder
            raise StorageError(f"invalid storage key {key!r}")
        return self.root / key


def default_storage() -> FolderStorage:
    """The folder named by `CMG_STORAGE_DIR`."""
    return FolderStorage(settings.get("CMG_STORAGE_DIR"))


def _write_atomically(target: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, then rename: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
