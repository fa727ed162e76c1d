"""What a file is, from its first bytes, whatever its name says.

`sniff` returns a short label: "zip", "ole2", "pdf", "png", "jpeg", "gif", "html", "xml",
"csv", "text" or "unknown". Zip and OLE2 containers are looked into by the guards.
"""

from __future__ import annotations

import codecs
import re

from cmg_core.workbook.ole2 import is_ole2

_SAMPLE = 64 * 1024
_MAGICS = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEPARATORS = (";", ",", "\t", "|")


def sniff(data: bytes) -> str:
    """The kind of container or document `data` holds."""
    for magic, kind in _MAGICS:
        if data.startswith(magic):
            return kind
    if is_ole2(data):
        return "ole2"
    text = _as_text(data[:_SAMPLE])
    if text is None:
        return "unknown"
    return _text_kind(text)


def _as_text(sample: bytes) -> str | None:
    """The sample decoded, or None when it does not look like text (binary, random bytes)."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            text = sample[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        if b"\x00" in sample:
            return None
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A sample cut inside a multi-byte letter is still UTF-8; anything else is read
            # as Windows-1252, the other encoding French spreadsheets are saved in.
            if exc.start >= len(sample) - 3:
                text = sample[: exc.start].decode("utf-8")
            else:
                text = sample.decode("cp1252", errors="replace")
    if not text.strip():
        return None
    controls = len(_CONTROL.findall(text))
    replaced = text.count("\ufffd")
    if controls + replaced > len(text) // 100:
        return None
    return text


def _text_kind(text: str) -> str:
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or "<table" in head:
        return "html"
    if head.startswith("<?xml") or head.startswith("<"):
        return "xml"
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    for separator in _SEPARATORS:
        counts = [line.count(separator) for line in lines]
        # Quoted fields may hold separators: "most lines have one" is enough. A lone line
        # needs two, so that a sentence with a comma stays text.
        if len(counts) == 1 and counts[0] >= 2:
            return "csv"
        if len(counts) > 1 and counts[0] > 0 and 2 * sum(c > 0 for c in counts) >= len(counts):
            return "csv"
    return "text"
