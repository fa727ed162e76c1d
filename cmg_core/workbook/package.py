"""The parts of an xlsx package: bounded reading of a member, and where each sheet's XML lives.

The sheet order and names come from the workbook part, the paths from its relationships, so a
package whose parts are not at the usual places is still read correctly.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from xml.etree import ElementTree

from cmg_core.workbook.rejected import WorkbookRejected

_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_EXTERNAL_LINK = "/externalLink"
_SMALL_PART = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
# Everything zipfile may raise on a damaged or hostile member.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError)


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise WorkbookRejected("file.unreadable", reason="zip") from exc


def read_member(archive: zipfile.ZipFile, name: str, limit: int = _SMALL_PART) -> bytearray:
    """A member's bytes, never beyond `limit` nor its declared size, held once in memory.

    zipfile stops at the declared size and checks the CRC, so a member that lies about its
    size ends as `file.unreadable`, and one beyond `limit` as `file.suspicious`. The buffer
    is sized from the declared size (bounded by the guards) and filled in place.
    """
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise WorkbookRejected("file.unreadable", reason="missing_part", part=name) from exc
    if info.file_size > limit:
        raise WorkbookRejected("file.suspicious", reason="size", part=name)
    buffer = bytearray(info.file_size)
    view = memoryview(buffer)
    filled = 0
    try:
        with archive.open(info) as member:
            while filled < len(buffer):
                count = member.readinto(view[filled : filled + _CHUNK])
                if not count:
                    break
                filled += count
            if filled != len(buffer) or member.read(1):
                raise zipfile.BadZipFile("size differs from the declared one")
    except ZIP_ERRORS as exc:
        raise WorkbookRejected("file.unreadable", reason="zip", part=name) from exc
    finally:
        view.release()
    return buffer


def parse_xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """A small part parsed as XML; a document type declaration (entity tricks) is refused."""
    raw = read_member(archive, name)
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise WorkbookRejected("file.suspicious", reason="doctype", part=name)
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise WorkbookRejected("file.unreadable", reason="xml", part=name) from exc


def workbook_part(archive: zipfile.ZipFile) -> str:
    """Path of the workbook part, from the package relationships (usually xl/workbook.xml)."""
    if "_rels/.rels" in archive.NameToInfo:
        for rel in parse_xml(archive, "_rels/.rels").iter(f"{_PKG_REL_NS}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                return _resolve("", rel.get("Target", ""))
    return "xl/workbook.xml"


def _workbook_relationships(archive: zipfile.ZipFile, book: str) -> list[ElementTree.Element]:
    folder = posixpath.dirname(book)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels")
    return list(parse_xml(archive, rels_name).iter(f"{_PKG_REL_NS}Relationship"))


def has_external_links(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook links to other files (its formulas may show their values)."""
    if any("/externallinks/" in name.lower() for name in archive.NameToInfo):
        return True
    relationships = _workbook_relationships(archive, workbook_part(archive))
    return any(rel.get("Type", "").endswith(_EXTERNAL_LINK) for rel in relationships)


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → path of its XML part, in workbook order (chart sheets left out)."""
    book = workbook_part(archive)
    folder = posixpath.dirname(book)
    targets = {}
    for rel in _workbook_relationships(archive, book):
        if rel.get("Type", "").endswith(_WORKSHEET):
            targets[rel.get("Id")] = _resolve(folder, rel.get("Target", ""))
    paths = {}
    for sheet in parse_xml(archive, book).iter():
        if sheet.tag.endswith("}sheet") and _relationship_id(sheet) in targets:
            paths[sheet.get("name", "")] = targets[_relationship_id(sheet)]
    return paths


def _relationship_id(element: ElementTree.Element) -> str | None:
    """The `r:id` attribute, in the transitional or the strict (ISO) namespace."""
    for name, value in element.attrib.items():
        if name.endswith("}id"):
            return value
    return None


def sheet_xml_paths(data: bytes) -> dict[str, str]:
    """Worksheet name → path of its XML part inside the xlsx `data` (e.g. xl/worksheets/sheet1.xml).

    Raises `WorkbookRejected("file.unreadable")` when `data` is not a readable package.
    """
    with open_zip(data) as archive:
        return worksheet_parts(archive)


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))
