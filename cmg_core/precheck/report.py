"""The pre-check report: plain values, serialised exactly as SPEC §3 says."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from cmg_core.findings import Finding, Severity
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

__all__ = ["DeclarationLine", "Finding", "Report", "Severity"]


class DeclarationLine(NamedTuple):
    """One data row, typed; a field is None where its cell is invalid (or absent from GAD).

    Immutable and cheap to make (a 50,000-line file makes 50,000 of them); read it by name."""

    row: int  # Excel row
    month: Month | None
    allocataire: str | None  # 7 digits
    child_last_name: str | None  # MC only
    child_first_name: str | None  # MC only
    birth_date: date | None  # MC only
    total_hours: int | None
    special_hours: int | None  # an empty cell reads as 0
    amount: Decimal | None
    end_date: date | None


@dataclass
class Report:
    file: str
    template: TemplateCode | None  # None when not recognised
    month: str | None  # "MM/AAAA" when the file holds one readable month
    rows: int  # data rows read
    findings: list[Finding] = field(default_factory=list)
    lines: list[DeclarationLine] = field(default_factory=list, repr=False)  # not in to_dict()

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def triples(self) -> set[tuple[str, int | None, str | None]]:
        """`(code, row, column)` of every finding: what tests assert on."""
        return {(f.code, f.row, f.column) for f in self.findings}

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "template": self.template,
            "month": self.month,
            "valid": self.valid,
            "rows": self.rows,
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings],
        }
