"""French texts of values printed on documents: times, optional dates, hours, counts."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from cmg_core.values import format_date

PARIS = ZoneInfo("Europe/Paris")
NONE = "—"  # printed where a value does not apply


def paris_time(moment: datetime) -> datetime:
    """The moment in French time; a naive datetime is taken as French time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


def format_datetime(moment: datetime) -> str:
    """`05/04/2026 à 14 h 32`, in French time."""
    local = paris_time(moment)
    return f"{format_date(local.date())} à {local.hour} h {local.minute:02d}"


def format_optional_date(day: date | None) -> str:
    return format_date(day) if day is not None else NONE


def format_count(value: int) -> str:
    """`1 234` with a no-break space between thousands."""
    return f"{value:,}".replace(",", "\u00a0")


def capitalised(text: str) -> str:
    """`Rejetée` for `rejetée`: a table cell starts with a capital."""
    return text[:1].upper() + text[1:]
