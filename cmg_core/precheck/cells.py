"""Cell parsers, one per column kind: a cell value becomes a typed value or an `Invalid`.

Parsers read what Excel users actually type: a real date cell or the text JJ/MM/AAAA, a month as
text MM/AAAA or as a date cell, numbers typed as text (with a decimal comma, spaces or `€`).
Hours are whole numbers ≥ 0 (`int`), amounts numbers ≥ 0 with at most two decimals, read
exactly as `Decimal` (never through a float) and kept to the cent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from cmg_core.templates import Kind
from cmg_core.values import CENT, Month, parse_french_date, to_amount

EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!"}
)
CODES = {
    Kind.MONTH: "month.format",
    Kind.ALLOCATAIRE: "allocataire.format",
    Kind.NAME: "name.format",
    Kind.BIRTH_DATE: "date.format",
    Kind.END_DATE: "date.format",
    Kind.HOURS: "hours.invalid",
    Kind.SPECIAL_HOURS: "hours.invalid",
    Kind.AMOUNT: "amount.invalid",
}

_NAME_RE = re.compile(r"[^\W\d_]+(?:[ '’\-]+[^\W\d_]+)*")
_DATE_SHAPE_RE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*$")
_KEY_LETTER_RE = re.compile(r"^(\d{7})\s*[A-Za-z]$")
_SEPARATORS_RE = re.compile(r"[\s.\-_/]")
_HOURS_MINUTES_RE = re.compile(r"^\s*(\d+)\s*[hH:]\s*(\d{0,2})\s*(?:min)?\s*$")


@dataclass(frozen=True)
class Invalid:
    """A cell that could not be read as its column expects; `cause` picks the hint."""

    cause: str = ""
    params: dict[str, object] = field(default_factory=dict)


NUMBER_TYPES = (int, float)
# A formula's binary noise (11.000000000000002) is still 11,00 €: a hundredth of a millionth of
# a cent apart from a whole cent counts as that cent.
CENT_TOLERANCE = Decimal("1e-8")
FLOAT_CENT_TOLERANCE = 1e-7  # in cents; anything less clear goes the exact Decimal way
MAX_QUICK_AMOUNT = 1e12  # below it a float times 100 is exact enough to find its cents


def is_excel_error(value: object) -> bool:
    return isinstance(value, str) and value.strip() in EXCEL_ERRORS


def parse_month(value: object) -> Month | Invalid:
    if isinstance(value, date):
        return Month.of(value)
    if isinstance(value, str):
        try:
            return Month.parse(value)
        except ValueError:
            return Invalid("excel_error" if is_excel_error(value) else "")
    if isinstance(value, NUMBER_TYPES) and not isinstance(value, bool):
        return Invalid("number")
    return Invalid()


def parse_allocataire(value: object) -> str | Invalid:
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 7 and text.isascii() and text.isdigit():
            return text
        return _diagnose_allocataire_text(text)
    if _is_whole_number(value) and 0 <= value < 10_000_000:
        digits = str(int(value))
        if len(digits) == 7:
            return digits
        return Invalid("leading_zero", {"suggestion": digits.zfill(7)})
    return Invalid()


def _is_whole_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, NUMBER_TYPES):
        return False
    return math.isfinite(value) and value == int(value)


def _diagnose_allocataire_text(text: str) -> Invalid:
    if is_excel_error(text):
        return Invalid("excel_error")
    match = _KEY_LETTER_RE.match(text)
    if match:
        return Invalid("key_letter", {"suggestion": match.group(1)})
    compact = _SEPARATORS_RE.sub("", text)
    if compact != text and compact.isascii():
        if len(compact) == 7 and compact.isdigit():
            return Invalid("spaces", {"suggestion": compact})
        match = _KEY_LETTER_RE.match(compact)
        if match:
            return Invalid("key_letter", {"suggestion": match.group(1)})
    if compact.isascii() and compact.isdigit() and len(compact) < 7:
        return Invalid("too_short", {"suggestion": compact.zfill(7)})
    return Invalid()


def parse_name(value: object) -> str | Invalid:
    if isinstance(value, str):
        text = value.strip()
        if _NAME_RE.fullmatch(text):
            return text
        return Invalid("excel_error" if is_excel_error(text) else "")
    return Invalid()


def parse_date(value: object) -> date | Invalid:
    if value.__class__ is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_french_date(value)
        except ValueError:
            if is_excel_error(value):
                return Invalid("excel_error")
            return Invalid("not_a_day" if _DATE_SHAPE_RE.match(value) else "")
    if isinstance(value, NUMBER_TYPES) and not isinstance(value, bool):
        return Invalid("number")
    return Invalid()


def parse_hours(value: object) -> int | Invalid:
    """A whole number of hours ≥ 0; a decimal is refused with its whole part as suggestion."""
    if value.__class__ is float and value >= 0 and value.is_integer():  # most cells
        return int(value)
    number = parse_number(value)
    if number.__class__ is Invalid:
        return number
    if number < 0:
        return Invalid("negative", {"suggestion": str(math.floor(number))})
    if number % 1:
        return Invalid("decimal", {"suggestion": str(math.floor(number))})
    return int(number)


def parse_number(value: object) -> float | Invalid:
    """Any number, whole or not, signed, from a number cell or a number typed as text."""
    if isinstance(value, float):
        return value if math.isfinite(value) else Invalid()
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return _diagnose_hours_text(value)
        return number if math.isfinite(number) else Invalid()
    if isinstance(value, time):  # 15:30 typed in a cell Excel then formats as a time
        return Invalid("duration", {"suggestion": str(value.hour)})
    if isinstance(value, timedelta):  # [h]:mm, a duration over 24 hours
        return Invalid("duration", {"suggestion": str(int(value.total_seconds() // 3600))})
    return Invalid()


def _diagnose_hours_text(text: str) -> Invalid:
    if is_excel_error(text):
        return Invalid("excel_error")
    match = _HOURS_MINUTES_RE.match(text)
    if match:
        return Invalid("decimal", {"suggestion": match.group(1)})
    return Invalid()


def parse_amount(value: object) -> Decimal | Invalid:
    """An amount in euros ≥ 0 with at most two decimals, to the cent; a third decimal is
    refused with the amount rounded to the cent as suggestion."""
    if value.__class__ is float and 0 <= value < MAX_QUICK_AMOUNT:  # most cells: no Decimal yet
        cents = round(value * 100)
        if abs(value * 100 - cents) < FLOAT_CENT_TOLERANCE:
            return Decimal(cents).scaleb(-2)
    if isinstance(value, bool):
        return Invalid()
    try:
        amount = to_amount(value)
    except ValueError:
        return Invalid("excel_error" if is_excel_error(value) else "")
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        return Invalid("negative", {"suggestion": _euros(cents)})
    if abs(amount - cents) >= CENT_TOLERANCE:
        return Invalid("decimals", {"suggestion": _euros(cents)})
    return cents


def _euros(amount: Decimal) -> str:
    return str(amount).replace(".", ",")


PARSERS: dict[Kind, Callable[[object], object]] = {
    Kind.MONTH: parse_month,
    Kind.ALLOCATAIRE: parse_allocataire,
    Kind.NAME: parse_name,
    Kind.BIRTH_DATE: parse_date,
    Kind.END_DATE: parse_date,
    Kind.HOURS: parse_hours,
    Kind.SPECIAL_HOURS: parse_hours,
    Kind.AMOUNT: parse_amount,
}
