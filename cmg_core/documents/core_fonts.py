"""Core-font text, cached: windows-1252 strings, PDF string literals, widths, line wrapping.

Every text goes through `to_cp1252` first, so a name the core fonts cannot print is
transliterated rather than stopping a rendering.
"""

from __future__ import annotations

from functools import lru_cache

from fpdf.fonts import CORE_FONTS_CHARWIDTHS
from fpdf.util import escape_parens

from cmg_core.documents.text import ENCODING, to_cp1252

PT = 25.4 / 72  # mm per point


@lru_cache(maxsize=65536)
def core_string(text: str) -> str:
    """The text as core fonts take it: windows-1252 bytes, one `str` character per byte."""
    return to_cp1252(text).encode(ENCODING).decode("latin-1")


@lru_cache(maxsize=65536)
def pdf_literal(text: str) -> str:
    """The text as a PDF string literal for the core fonts: `(L'été \\(2026\\))`."""
    return f"({escape_parens(core_string(text))})"


@lru_cache(maxsize=65536)
def text_units(fontkey: str, text: str) -> int:
    """Width of `text` in thousandths of the font size (core font metrics)."""
    widths = CORE_FONTS_CHARWIDTHS[fontkey]
    return sum(widths[c] for c in core_string(text))


@lru_cache(maxsize=16384)
def wrap_lines(fontkey: str, size_pt: float, text: str, width: float) -> tuple[str, ...]:
    """Lines of `text` within `width` mm at `size_pt`; a word too long for a line is cut.

    Cached: headers, notices and most values repeat from page to page and document to document.
    """
    scale = size_pt * 0.001 * PT

    def fits(candidate: str) -> bool:
        return text_units(fontkey, candidate) * scale <= width

    if "\n" not in text and fits(text):
        return (text,)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if fits(candidate):
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while len(line) > 1 and not fits(line):
                cut = len(line) - 1
                while cut > 1 and not fits(line[:cut]):
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return tuple(lines)
