"""Reading rendered PDFs back, as a reader would: text extraction with pypdf."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, no-break spaces read as plain spaces."""
    reader = PdfReader(BytesIO(data))
    return [page.extract_text().replace("\u00a0", " ") for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))
