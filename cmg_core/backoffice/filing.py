"""The GED filing of generated documents: many files written, made durable together.

`FolderStorage.put` syncs each file and its folder to disk, about a hundred files a second
here; a batch of attestations is written through the same content-addressed keys with one
`os.sync()` before the transaction recording them commits, so the database never points to a
file that a crash could lose. The writes run on one background thread: rendering is CPU-bound
Python and the file system calls release the GIL, so writing a PDF overlaps rendering the next
one; `sync()` first waits for every pending write (and raises the first failure, so the
transaction rolls back). The GED "folder" of an allocataire is the set of attestation rows
carrying its number: each holds the document id (GED id) and the storage key of its PDF.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from concurrent.futures import Future, ThreadPoolExecutor

from cmg_core.storage import FolderStorage, StoredFile, key_for


class BatchFiler:
    """Content-addressed writes into a storage folder, synced once by `sync()`."""

    def __init__(self, storage: FolderStorage) -> None:
        self.storage = storage
        self._unsynced = 0
        self._folders: set[str] = set()
        self._pending: list[Future[None]] = []
        self._names = itertools.count()
        self._writer: ThreadPoolExecutor | None = None

    def put(self, data: bytes, *, suffix: str = "") -> StoredFile:
        """The file's key at once; its bytes are written in the background."""
        sha256 = hashlib.sha256(data).hexdigest()
        stored = StoredFile(key_for(sha256, suffix), sha256, len(data))
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="filer")
        self._pending.append(self._writer.submit(self._write, stored.key, data))
        return stored

    def _write(self, key: str, data: bytes) -> None:
        target = self.storage.path(key)
        if target.exists():
            return
        if key[:5] not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(key[:5])
        temp = target.parent / f".tmp-{os.getpid()}-{id(self):x}-{next(self._names)}"
        try:
            with open(temp, "xb") as handle:  # exclusive: never another writer's file
                handle.write(data)
            os.replace(temp, target)  # readers never see half a file
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        self._unsynced += 1

    def sync(self) -> None:
        """Make every file put since the last sync durable (waits for the pending writes)."""
        pending, self._pending = self._pending, []
        for write in pending:
            write.result()
        if self._unsynced:
            os.sync()
            self._unsynced = 0

    def close(self) -> None:
        """Wait for the pending writes and stop the writer thread."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        self._pending = []

    def __enter__(self) -> BatchFiler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
