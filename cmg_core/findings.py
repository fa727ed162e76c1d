"""A finding and its severity: what every check reports, below every package that makes or
reads findings (the pre-check makes them, the annotated workbook and the back office read them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks the deposit
    WARNING = "warning"  # worth a look, does not block
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    row: int | None  # Excel row number as the user sees it; None for file-level findings
    column: str | None  # Excel column letter
    field: str | None  # header of the column
    value: object  # as read (str, number, date…); JSON-serialised as text where needed
    message: str  # French: what is wrong
    hint: str  # French: how to fix it

    @property
    def cell(self) -> str | None:
        """`B12`, or None when the finding is not about one cell."""
        if self.row is None or self.column is None:
            return None
        return f"{self.column}{self.row}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["value"] = json_value(self.value)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """A finding stored with `to_dict` (its value comes back as its JSON form)."""
        return cls(
            data["code"], Severity(data["severity"]), data["row"], data["column"],
            data["field"], data["value"], data["message"], data["hint"],
        )  # fmt: skip


def json_value(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
