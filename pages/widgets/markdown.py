"""Escaping of texts that come from a partner's file before Streamlit renders them as Markdown."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$~])")


def escape(text: object) -> str:
    """The text shown literally: no Markdown, no HTML, no formula (`$`) interpretation."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
