"""The content-addressed storage: same bytes same key, atomic writes, checked keys."""

from __future__ import annotations

import hashlib
import os

import pytest

from cmg_core import storage
from cmg_core.storage import FolderStorage, NotStoredError, StorageError


@pytest.fixture
def store(tmp_path) -> FolderStorage:
    return FolderStorage(tmp_path / "storage")


def test_put_records_the_sha256_and_size_and_get_returns_the_bytes(store):
    stored = store.put(b"%PDF-1.7 attestation", suffix=".pdf")
    digest = hashlib.sha256(b"%PDF-1.7 attestation").hexdigest()
    assert (stored.sha256, stored.size) == (digest, 20)
    assert stored.key == f"{digest[:2]}/{digest[2:4]}/{digest}.pdf"
    assert store.get(stored.key) == b"%PDF-1.7 attestation"
    assert store.exists(stored.key)


def test_the_same_bytes_give_the_same_key_and_are_written_once(store):
    first = store.put(b"same", suffix=".xlsx")
    modified = store.path(first.key).stat().st_mtime_ns
    second = store.put(b"same", suffix=".xlsx")
    assert second == first
    assert store.path(first.key).stat().st_mtime_ns == modified


def test_different_bytes_give_different_keys(store):
    assert store.put(b"a").key != store.put(b"b").key


def test_a_failed_write_leaves_neither_the_file_nor_a_temporary(store, monkeypatch):
    def broken_fsync(_fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        store.put(b"never half written", suffix=".pdf")
    leftovers = [p for p in store.root.rglob("*") if p.is_file()]
    assert leftovers == []


def test_keys_that_could_leave_the_folder_are_refused(store):
    with pytest.raises(StorageError):
        store.path("../../etc/passwd")


def test_getting_an_unknown_key_raises_not_stored(store):
    with pytest.raises(NotStoredError):
        store.get(storage.key_for("0" * 64, ".pdf"))


def test_the_default_storage_is_the_configured_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CMG_STORAGE_DIR", str(tmp_path / "elsewhere"))
    stored = storage.default_storage().put(b"x", suffix=".csv")
    assert (tmp_path / "elsewhere" / stored.key).read_bytes() == b"x"
