"""File guards, run before any cell is parsed: size, real container, archive limits, macros.

`open_package(data)` either returns the opened xlsx archive or raises `WorkbookRejected` with
the finding code SPEC §3 names. The upload stays in memory; nothing is written to disk.
"""

from __future__ import annotations

import posixpath
import zipfile

from cmg_core.workbook import ole2
from cmg_core.workbook.budgets import (
    MAX_BYTES,
    MAX_DECOMPRESSED,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_SHARED_STRINGS,
    RATIO_MIN_SIZE,
)
from cmg_core.workbook.package import open_zip, read_member
from cmg_core.workbook.rejected import WorkbookRejected
from cmg_core.workbook.sniff import sniff

_DOCUMENT_FORMATS = {"pdf", "png", "jpeg", "gif", "html", "xml", "csv", "text"}
_ENCRYPTION_STREAMS = {"EncryptionInfo", "EncryptedPackage"}
_XLS_STREAMS = {"Workbook", "Book"}
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument."
_OTHER_OFFICE = (("xl/workbook.bin", "xlsb"), ("word/document.xml", "docx"))
_OTHER_OFFICE += (("ppt/presentation.xml", "pptx"),)


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise WorkbookRejected("file.too_large", size_bytes=len(data), limit_bytes=MAX_BYTES)
    if not data:
        raise WorkbookRejected("file.unreadable", reason="empty")


def open_package(data: bytes) -> zipfile.ZipFile:
    """The xlsx archive, once every guard that needs no cell has passed."""
    check_size(data)
    kind = sniff(data)
    if kind == "ole2":
        raise _ole2_rejection(data)
    if kind in _DOCUMENT_FORMATS:
        raise WorkbookRejected("file.format", detected=kind)
    if kind != "zip":
        raise WorkbookRejected("file.unreadable", reason="unknown")
    archive = open_zip(data)
    try:
        check_archive(archive)
        _check_workbook_kind(archive)
        _check_macros(archive)
    except WorkbookRejected:
        archive.close()
        raise
    return archive


def check_archive(archive: zipfile.ZipFile) -> None:
    """Zip-bomb guards on the declared sizes, before anything is inflated.

    Reading a member never goes beyond its declared size (`package.read_member`), so the
    budgets hold on what is really inflated. Two members of one name are refused: readers
    disagree on which one a name means, and the one checked must be the one read.
    """
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise WorkbookRejected("file.suspicious", reason="members", members=len(members))
    if len({m.filename.lower() for m in members}) != len(members):
        raise WorkbookRejected("file.suspicious", reason="members", members=len(members))
    total = sum(m.file_size for m in members)
    if total > MAX_DECOMPRESSED:
        raise WorkbookRejected(
            "file.suspicious", reason="size", size_bytes=total, limit_bytes=MAX_DECOMPRESSED
        )
    for member in members:
        if _is_shared_strings(member.filename) and member.file_size > MAX_SHARED_STRINGS:
            raise WorkbookRejected(
                "file.suspicious",
                reason="strings",
                size_bytes=member.file_size,
                limit_bytes=MAX_SHARED_STRINGS,
            )
        if member.flag_bits & 0x1:
            raise WorkbookRejected("file.encrypted", reason="zip")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_MIN_SIZE and ratio > MAX_RATIO:
            raise WorkbookRejected("file.suspicious", reason="ratio", ratio=int(ratio))


def _is_shared_strings(name: str) -> bool:
    return posixpath.basename(name).lower().startswith("sharedstrings")


def _check_workbook_kind(archive: zipfile.ZipFile) -> None:
    names = archive.NameToInfo
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", limit=1024)
        if mimetype.startswith(_ODF_MIMETYPE + b"spreadsheet"):
            raise WorkbookRejected("file.format", detected="ods")
        if mimetype.startswith(_ODF_MIMETYPE):
            raise WorkbookRejected("file.format", detected="odf")
    if "xl/workbook.xml" in names or _declares_workbook(archive):
        return
    for part, detected in _OTHER_OFFICE:
        if part in names:
            raise WorkbookRejected("file.format", detected=detected)
    raise WorkbookRejected("file.format", detected="zip")


def _declares_workbook(archive: zipfile.ZipFile) -> bool:
    """A workbook part at an unusual path, declared in the content types."""
    if "[Content_Types].xml" not in archive.NameToInfo:
        return False
    types = _content_types(archive)
    return b"spreadsheetml.sheet.main+xml" in types or b"spreadsheetml.template.main+xml" in types


def _check_macros(archive: zipfile.ZipFile) -> None:
    for name in archive.NameToInfo:
        lowered = name.lower()
        if lowered.endswith("vbaproject.bin") or "/macrosheets/" in lowered:
            raise WorkbookRejected("file.macros", part=name)
    if "[Content_Types].xml" in archive.NameToInfo:
        types = _content_types(archive).lower()
        if b"macroenabled" in types or b"vbaproject" in types:
            raise WorkbookRejected("file.macros", part="[Content_Types].xml")


def _content_types(archive: zipfile.ZipFile) -> bytes:
    return read_member(archive, "[Content_Types].xml", limit=1024 * 1024)


def _ole2_rejection(data: bytes) -> WorkbookRejected:
    """Password-protected xlsx (an encrypted package in OLE2), legacy xls, or another OLE2."""
    try:
        names = ole2.stream_names(data)
    except ValueError:
        # A damaged directory: look for the stream names where they are stored (UTF-16LE).
        names = {
            name
            for name in _ENCRYPTION_STREAMS | _XLS_STREAMS | {"WordDocument"}
            if name.encode("utf-16-le") + b"\x00\x00" in data
        }
        if not names:
            return WorkbookRejected("file.unreadable", reason="ole2")
    if names & _ENCRYPTION_STREAMS:
        return WorkbookRejected("file.encrypted", detected="ole2")
    if names & _XLS_STREAMS:
        return WorkbookRejected("file.format", detected="xls")
    if "WordDocument" in names:
        return WorkbookRejected("file.format", detected="doc")
    return WorkbookRejected("file.format", detected="ole2")
