"""French wording shared by the catalogue's templates: values, columns, counts, lists, sizes.

Everything here turns a value into the words a micro-crèche director reads in a message.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from cmg_core.values import FRENCH_MONTHS, Month, format_date, format_euros

# How each column is named inside a sentence ("… alors que le numéro allocataire est …").
COLUMN_WORDS: dict[str, str] = {
    "month": "le mois concerné",
    "allocataire": "le numéro allocataire",
    "child_last_name": "le nom de l'enfant",
    "child_first_name": "le prénom de l'enfant",
    "birth_date": "la date de naissance",
    "total_hours": "le nombre total d'heures",
    "special_hours": "le nombre d'heures spécifiques",
    "amount": "le montant de la dépense",
    "end_date": "la date de fin de garde",
}


def column_words(key: str | None) -> str:
    return COLUMN_WORDS.get(key or "", "la valeur")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def shown(value: object) -> str:
    """A cell value as the person saw it in Excel (French decimals, JJ/MM/AAAA dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).replace(".", ",")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime):
        if value.time() == time(0):
            return format_date(value.date())
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(value)


def hours_text(hours: int) -> str:
    return f"{hours} heure" if abs(hours) <= 1 else f"{hours} heures"


def euros(amount: Decimal) -> str:
    return format_euros(amount)


def rows_text(rows: list[int]) -> str:
    """`5 et 6`, `5, 6 et 7`."""
    texts = [str(r) for r in rows]
    if len(texts) == 1:
        return texts[0]
    return ", ".join(texts[:-1]) + " et " + texts[-1]


def percent(share: float) -> str:
    """`90 %`, never rounded up to 100 % while some lines differ."""
    return f"{math.floor(share * 100 + 1e-9)}\u00a0%"


def size_text(size_bytes: int) -> str:
    """`25,3 Mo` (1 Mo = 1 048 576 octets, as Windows shows it)."""
    megabytes = size_bytes / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:.1f}".replace(".", ",") + "\u00a0Mo"
    return f"{max(1, round(size_bytes / 1024))}\u00a0Ko"


def first_day_text(month: Month) -> str:
    """`1er décembre 2026`."""
    return f"1er {FRENCH_MONTHS[month.month - 1]} {month.year}"


def lines_above_text(header_row: int) -> str:
    if header_row == 2:
        return "la ligne 1"
    return f"les lignes 1 à {header_row - 1}"
