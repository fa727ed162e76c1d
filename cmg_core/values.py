"""Small value types of the domain: the month concerned, money, French date text.

A month is never a loose string in the core and money is never a float.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_MONTH_RE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_DATE_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, written MM/AAAA for people."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise ValueError(f"invalid month {self.month}/{self.year}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse `MM/AAAA` (a one-digit month is tolerated); ValueError otherwise."""
        match = _MONTH_RE.match(text)
        if not match:
            raise ValueError(f"not MM/AAAA: {text!r}")
        return cls(int(match.group(2)), int(match.group(1)))

    @classmethod
    def parse_written(cls, text: str) -> Month:
        """A month as people write it in a form: `MM/AAAA`, `M/AAAA` or `octobre 2026`
        (any case, accents optional); ValueError otherwise."""
        words = text.strip().casefold().split()
        if len(words) == 2 and words[1].isdigit() and len(words[1]) == 4:
            wanted = _plain(words[0])
            for number, name in enumerate(FRENCH_MONTHS, start=1):
                if _plain(name) == wanted:
                    return cls(int(words[1]), number)
        return cls.parse(text)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year:04d}"

    @property
    def iso(self) -> str:
        """`AAAA-MM`, for file names and sorting."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, self.days)

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def working_days(self) -> int:
        """Monday to Saturday days of the month."""
        return sum(1 for d in range(self.days) if (self.first_day + timedelta(d)).weekday() < 6)

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def months_until(self, other: Month) -> int:
        """How many months from self to other (positive when other is later)."""
        return (other.year - self.year) * 12 + other.month - self.month

    def label(self) -> str:
        """`mars 2026`."""
        return f"{FRENCH_MONTHS[self.month - 1]} {self.year}"

    def of_label(self) -> str:
        """`de mars 2026`, `d'octobre 2026`: the label after « mois », elided before a vowel."""
        label = self.label()
        return f"d'{label}" if label[0] in "aeiou" else f"de {label}"


FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _plain(word: str) -> str:
    """`Février` → `fevrier`."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_french_date(text: str) -> date:
    """Parse `JJ/MM/AAAA`; ValueError when it is not a real date."""
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"not JJ/MM/AAAA: {text!r}")
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


def format_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


CENT = Decimal("0.01")
NBSP = "\u00a0"


def to_amount(value: object) -> Decimal:
    """A money amount from a cell value (number or text, comma or point); ValueError otherwise.

    Floats go through `repr` so that 12.3 stays 12.3 and not its binary expansion.
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    if isinstance(value, float | int):
        text = repr(value)
    elif isinstance(value, str):
        text = (
            value.strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace(",", ".")
        )
    else:
        raise ValueError(f"not an amount: {value!r}")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount


def format_euros(amount: Decimal) -> str:
    """`1 234,50 €`, no-break spaces (within windows-1252, so PDFs core fonts print it)."""
    quantized = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    units, cents = f"{abs(quantized):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return f"{sign}{NBSP.join(groups)},{cents}{NBSP}€"
