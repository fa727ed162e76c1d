"""The catalogue of SPEC §3's finding codes, and the one factory that makes a finding.

Rules only say *which* code, *where* and *what value*; the words live in the `entries_*`
modules, one per level (as frictionless keeps its `errors/`).
"""

from __future__ import annotations

from cmg_core import templates
from cmg_core.findings import Finding
from cmg_core.precheck import entries_cells, entries_file, entries_rows, wording
from cmg_core.precheck.entry import Cause, Entry
from cmg_core.workbook.safe_text import visible

__all__ = ["CATALOGUE", "Cause", "Entry", "make"]

_ENTRIES = entries_file.ENTRIES + entries_cells.ENTRIES + entries_rows.ENTRIES
CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


def make(
    code: str,
    *,
    row: int | None = None,
    column: str | None = None,
    key: str | None = None,
    value: object = None,
    cause: str = "",
    field: str | None = None,
    **params: object,
) -> Finding:
    """The finding of `code` at a cell, its message and hint filled from the given params.

    `key` is the template column key the cell belongs to; it names the field (header) and the
    words of the column in the sentences. Params a template names but the rule did not give are
    a programming error (KeyError), caught by the catalogue tests. A character no XML part can
    hold (a control character the reader decoded) shows as `�` in the value and the texts, so
    every report can be stored, printed and written into a workbook as it is.
    """
    if isinstance(value, str):
        value = visible(value)
    entry = CATALOGUE[code]
    if field is None and key is not None:
        field = _header(key)
    words = wording.column_words(key)
    context = {
        "row": row,
        "column": column,
        "cell": f"{column}{row}" if column and row else "",
        "field": field,
        "shown": wording.shown(value),
        "what": words,
        "What": wording.capitalise(words),
        "help": _help(key),
        **params,
    }
    message, hint = entry.wording(cause)
    return Finding(
        code,
        entry.severity,
        row,
        column,
        field,
        value,
        visible(message.format(**context)),
        visible(hint.format(**context)),
    )


def _header(key: str) -> str:
    return templates.MC.column(key).header


def _help(key: str | None) -> str:
    return templates.MC.column(key).help if key else ""
