"""The feed record of one attestation version: what the feed file's lines and
`feed_rows.payload` hold, as a typed value (`to_json` / `from_json` give the stored JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from cmg_core.templates import TemplateCode
from cmg_core.values import Month


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class FeedLine:
    """One declaration line (MC: one child) of the attestation."""

    row: int  # Excel row in the deposited file
    child_last_name: str | None
    child_first_name: str | None
    birth_date: date | None
    total_hours: int
    special_hours: int
    amount: Decimal
    end_date: date | None

    @classmethod
    def of(cls, line: Any) -> FeedLine:
        """From a row or object with the deposit line's column names."""
        return cls(line.row, line.child_last_name, line.child_first_name, line.birth_date,
                   line.total_hours, line.special_hours, line.amount, line.end_date)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "child_last_name": self.child_last_name,
            "child_first_name": self.child_first_name,
            "birth_date": _iso(self.birth_date),
            "total_hours": self.total_hours,
            "special_hours": self.special_hours,
            "amount": f"{self.amount:.2f}",
            "end_date": _iso(self.end_date),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeedLine:
        return cls(data["row"], data["child_last_name"], data["child_first_name"],
                   _day(data["birth_date"]), data["total_hours"], data["special_hours"],
                   Decimal(data["amount"]), _day(data["end_date"]))  # fmt: skip


@dataclass(frozen=True)
class FeedRecord:
    """One attestation version as handed to the processing automaton."""

    attestation_id: int
    version: int
    document_id: str
    allocataire: str
    month: Month
    siret: str
    template: TemplateCode
    deposit_id: int
    dossier_number: int
    lines: tuple[FeedLine, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "attestation_id": self.attestation_id,
            "version": self.version,
            "document_id": self.document_id,
            "allocataire": self.allocataire,
            "month": str(self.month),
            "siret": self.siret,
            "template": self.template.value,
            "deposit_id": self.deposit_id,
            "dossier_number": self.dossier_number,
            "lines": [line.to_json() for line in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeedRecord:
        return cls(
            attestation_id=data["attestation_id"],
            version=data["version"],
            document_id=data["document_id"],
            allocataire=data["allocataire"],
            month=Month.parse(data["month"]),
            siret=data["siret"],
            template=TemplateCode(data["template"]),
            deposit_id=data["deposit_id"],
            dossier_number=data["dossier_number"],
            lines=tuple(FeedLine.from_json(line) for line in data["lines"]),
        )

    @property
    def ends(self) -> list[date | None]:
        """Each line's end-of-care date (None where the care goes on)."""
        return [line.end_date for line in self.lines]
