"""The GED filing of generated documents: many files written, made durable together.

`FolderStorage.put` syncs each file and its folder to disk, about a hundred files a second
here; a batch of attestations is written through the same content-addressed keys with one
`os.sync()` before the transaction recording them commits, so the database never points to a
file that a crash could lose. The GED "folder" of an allocataire is the set of attestation rows
carrying its number: each holds the document id (GED id) and the storage key of its PDF.
"""

from __future__ import annotations

import hashlib
import os
import tempfile

from cmg_core.storage import FolderStorage, StoredFile, key_for


class BatchFiler:
    """Content-addressed writes into a storage folder, synced once by `sync()`."""

    def __init__(self, storage: FolderStorage) -> None:
        self.storage = storage
        self._unsynced = 0
        self._folders: set[str] = set()

    def put(self, data: bytes, *, suffix: str = "") -> StoredFile:
        sha256 = hashlib.sha256(data).hexdigest()
        stored = StoredFile(key_for(sha256, suffix), sha256, len(data))
        target = self.storage.path(stored.key)
        if not target.exists():
            if stored.key[:5] not in self._folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(stored.key[:5])
            handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as temp:
                temp.write(data)
            os.replace(temp_name, target)  # readers never see half a file
            self._unsynced += 1
        return stored

    def sync(self) -> None:
        """Make every file written since the last sync durable."""
        if self._unsynced:
            os.sync()
            self._unsynced = 0
