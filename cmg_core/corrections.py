"""Safe corrections of a partner's workbook: only changes that cannot alter what was meant.

Decimal hours are rounded down (the template's own rule), the key letter is dropped from an
allocataire number, spaces are trimmed, text dates become real dates and month cells are
written MM/AAAA. Nothing is ever guessed: a lost leading zero, an unreadable date or a missing
value is left for the partner to fix. The rest of the workbook is kept as it is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cmg_core import templates
from cmg_core.templates import DATE_FORMAT, Kind, Template
from cmg_core.values import Month, format_date, parse_french_date
from cmg_core.workbook.reader import read_workbook
from cmg_core.workbook.safe_text import retitle_sheets, strip_controls

WHITESPACE = " \t\u00a0\u202f"
_ALLOCATAIRE_WITH_KEY = re.compile(r"^(\d{7})\s*[A-Za-z]$")
_HOURS_TEXT = re.compile(r"^(\d+)(?:[.,](\d+))?$")
_HOURS_AND_MINUTES = re.compile(r"^(\d+)\s*h\s*(\d{1,2})?\s*(?:min)?$", re.IGNORECASE)
_DATE_TEXT = re.compile(r"^(\d{1,2})[-.](\d{1,2})[-.](\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


# Finding codes whose cause the corrections may remove (the others are never touched).
MAY_FIX_CODES = frozenset(
    {"allocataire.format", "hours.invalid", "month.format", "date.format", "name.format"}
)


def may_help(codes: set[str]) -> bool:
    """Whether offering the corrections makes sense for a report with these finding codes.

    Not when the file itself or its headers are refused: then nothing can be corrected.
    """
    blocked = any(code.startswith(("file.", "header.")) for code in codes)
    return not blocked and bool(codes & MAY_FIX_CODES)


@dataclass(frozen=True)
class Correction:
    """One changed cell: where, what it held, what it holds now, and why (in French)."""

    cell: str
    before: object
    after: object
    reason_fr: str


@dataclass(frozen=True)
class CorrectionResult:
    data: bytes  # the corrected workbook (the original bytes when nothing changed)
    corrections: list[Correction]


@dataclass(frozen=True)
class _Fix:
    value: object
    reason: str
    number_format: str | None = None


def correct_workbook(data: bytes, template: Template | str | None) -> CorrectionResult:
    """Apply the safe corrections to the first visible non-empty sheet of an xlsx workbook.

    `template` is the expected template (or its code); None detects it from the headers.
    Raises `WorkbookRejected` when the file guards refuse the workbook.
    """
    guarded = read_workbook(data)  # the file guards run before openpyxl opens anything
    name = next((s.name for s in guarded.visible_sheets if not s.is_empty), None)
    book = load_workbook(BytesIO(data))
    if name is None or name not in book.sheetnames:
        return CorrectionResult(data, [])
    sheet = book[name]
    expected = templates.get(template) if isinstance(template, str) else template
    columns = _columns_by_index(sheet, expected)
    if not columns:
        return CorrectionResult(data, [])
    corrections: list[Correction] = []
    for row in sheet.iter_rows(min_row=_first_data_row(sheet, columns)):
        for cell in row:
            kind = columns.get(cell.column)
            fix = None if kind is None or cell.data_type == "f" else _fix_for(kind, cell.value)
            if fix is None:
                continue
            corrections.append(Correction(cell.coordinate, cell.value, fix.value, fix.reason))
            cell.value = strip_controls(fix.value) if isinstance(fix.value, str) else fix.value
            if fix.number_format:
                cell.number_format = fix.number_format
    if not corrections:
        return CorrectionResult(data, [])
    retitle_sheets(book)
    out = BytesIO()
    book.save(out)
    return CorrectionResult(out.getvalue(), corrections)


def _normalised(text: object) -> str:
    """A header compared without case, accents, spaces or line breaks."""
    plain = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"\s+", "", plain).upper()


def _columns_by_index(sheet: Worksheet, expected: Template | None) -> dict[int, Kind]:
    """Excel column number → kind, from the header row (row 1)."""
    found = {
        _normalised(cell.value): cell.column for cell in sheet[1] if cell.value not in (None, "")
    }
    candidates = [expected] if expected else list(templates.TEMPLATES.values())
    best: dict[int, Kind] = {}
    for candidate in candidates:
        mapping = {
            found[_normalised(c.header)]: c.kind
            for c in candidate.columns
            if _normalised(c.header) in found
        }
        if len(mapping) > len(best):
            best = mapping
    return best


def _first_data_row(sheet: Worksheet, columns: dict[int, Kind]) -> int:
    """Row 2, unless it is the template's guidance row, which is kept untouched."""
    guidance = {
        _normalised(c.guidance)
        for template in templates.TEMPLATES.values()
        for c in template.columns
        if c.guidance
    }
    values = [sheet.cell(row=2, column=i).value for i in columns]
    texts = [_normalised(v) for v in values if v not in (None, "")]
    is_guidance = bool(texts) and all(t in guidance for t in texts)
    return 3 if is_guidance else 2


def _fix_for(kind: Kind, value: object) -> _Fix | None:
    """The safe correction of one cell, or None when it needs none or cannot be made safely."""
    if isinstance(value, str) and value.strip(WHITESPACE) != value:
        trimmed = value.strip(WHITESPACE)
        deeper = _FIXERS.get(kind, _no_fix)(trimmed)
        if deeper is not None:
            return deeper
        return _Fix(trimmed or None, "Espaces en trop retirés au début ou à la fin.")
    return _FIXERS.get(kind, _no_fix)(value)


def _no_fix(value: object) -> _Fix | None:
    return None


def _fix_month(value: object) -> _Fix | None:
    if isinstance(value, datetime | date):
        text = str(Month.of(value))
        return _Fix(text, "Date remplacée par le mois écrit MM/AAAA.", "@")
    if isinstance(value, str) and value.strip(WHITESPACE):
        try:
            text = str(Month.parse(value))
        except ValueError:
            return None
        if text != value:
            return _Fix(text, "Mois écrit au format MM/AAAA.", "@")
    return None


def _fix_allocataire(value: object) -> _Fix | None:
    if isinstance(value, str):
        compact = re.sub(f"[{WHITESPACE}]", "", value)
        match = _ALLOCATAIRE_WITH_KEY.match(compact)
        if match:
            return _Fix(match.group(1), "Lettre clé retirée : le numéro compte 7 chiffres.", "@")
        if compact != value and compact.isdigit() and len(compact) == 7:
            return _Fix(compact, "Espaces retirés dans le numéro allocataire.", "@")
        return None
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and float(value).is_integer() and 1_000_000 <= value <= 9_999_999:
        return _Fix(str(int(value)), "Numéro enregistré comme texte (7 chiffres).", "@")
    return None


def _fix_hours(value: object) -> _Fix | None:
    reason = "Heures arrondies à l'unité inférieure, comme le demande le modèle."
    if isinstance(value, float) and value >= 0 and not value.is_integer():
        return _Fix(math.floor(value), reason)
    if not isinstance(value, str):
        return None
    text = value.strip(WHITESPACE)
    decimal = _HOURS_TEXT.match(text)
    if decimal:
        whole = int(decimal.group(1))
        fraction = decimal.group(2)
        if fraction and int(fraction):
            return _Fix(whole, reason)
        return _Fix(whole, "Nombre d'heures enregistré comme nombre.")
    clock = _HOURS_AND_MINUTES.match(text)
    if clock and int(clock.group(2) or 0) < 60:
        return _Fix(int(clock.group(1)), reason)
    return None


def _fix_date(value: object) -> _Fix | None:
    if not isinstance(value, str) or not value.strip(WHITESPACE):
        return None
    text = value.strip(WHITESPACE)
    try:
        day = _parse_date_text(text)
    except ValueError:
        return None
    return _Fix(
        datetime(day.year, day.month, day.day),
        f"Texte remplacé par une vraie date ({format_date(day)}).",
        DATE_FORMAT,
    )


def _parse_date_text(text: str) -> date:
    """JJ/MM/AAAA, JJ-MM-AAAA, JJ.MM.AAAA or AAAA-MM-JJ; ValueError for anything else."""
    dashed = _DATE_TEXT.match(text)
    if dashed:
        day, month, year = (int(g) for g in dashed.groups())
        return date(year, month, day)
    iso = _ISO_DATE_TEXT.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return date(year, month, day)
    return parse_french_date(text)


_FIXERS: dict[Kind, Callable[[object], _Fix | None]] = {
    Kind.MONTH: _fix_month,
    Kind.ALLOCATAIRE: _fix_allocataire,
    Kind.HOURS: _fix_hours,
    Kind.SPECIAL_HOURS: _fix_hours,
    Kind.BIRTH_DATE: _fix_date,
    Kind.END_DATE: _fix_date,
}
