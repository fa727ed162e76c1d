"""The Caf referential as the back office reads it: families by allocataire number, and the
referential checks of intake.

Decision (SPEC §4 intake vs processing): an allocataire number the Caf does not know at all is
a **blocking** finding sent back to the partner — no record exists to file the attestation in,
and only the partner can fix a mistyped number. A child the Caf does not know (first name and
birth date) is a **warning**: the birth may not be declared to the Caf yet, so the line goes on
and processing routes it to a GCA with the reason `child_not_found`. A family known but not
affiliated here is not a finding either: processing queues it (`not_affiliated`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import templates
from cmg_core.backoffice import texts
from cmg_core.db.models import Allocataire, Child, CmgClaim
from cmg_core.findings import Finding, Severity
from cmg_core.precheck import DeclarationLine
from cmg_core.values import Month, format_date

CHUNK = 500


def name_key(name: str | None) -> str:
    """A first name compared without case, accents, hyphens or spaces."""
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Claim:
    """A family's CMG claim with one partner, as processing reads it."""

    id: int
    partner_id: int
    known: bool
    end_month: Month | None = None


@dataclass(frozen=True)
class Person:
    """An allocataire as processing reads it: plain values, no ORM object to build."""

    number: str
    affiliated: bool
    record_locked: bool
    claims: list[Claim] = field(default_factory=list)
    children: list[tuple[str, date | None]] = field(default_factory=list)  # (name key, birth)


@dataclass(frozen=True)
class Family:
    """What intake and processing need of one allocataire: its flags, children and claims,
    read with three Core queries per `CHUNK` numbers (ORM objects cost more than the checks)."""

    allocataire: Person

    def child(self, first_name: str | None, birth: date | None) -> tuple[str, date | None] | None:
        wanted = (name_key(first_name), birth)
        return wanted if wanted in self.allocataire.children else None

    def same_birth_count(self, birth: date | None) -> int:
        return sum(1 for _, born in self.allocataire.children if born == birth)


def families(session: Session, numbers: Iterable[str]) -> dict[str, Family]:
    """The families of these allocataire numbers (unknown numbers are absent)."""
    found: dict[str, Family] = {}
    wanted = sorted(set(numbers))
    for start in range(0, len(wanted), CHUNK):
        people = {
            row.id: Person(row.number, row.affiliated, row.record_locked)
            for row in session.execute(
                sa.select(
                    Allocataire.id,
                    Allocataire.number,
                    Allocataire.affiliated,
                    Allocataire.record_locked,
                ).where(Allocataire.number.in_(wanted[start : start + CHUNK]))
            )
        }
        ids = list(people)
        for owner, first_name, birth in session.execute(
            sa.select(Child.allocataire_id, Child.first_name, Child.birth_date)
            .where(Child.allocataire_id.in_(ids))
            .order_by(Child.id)
        ):
            people[owner].children.append((name_key(first_name), birth))
        claims = (CmgClaim.id, CmgClaim.partner_id, CmgClaim.known, CmgClaim.end_month)
        for owner, *claim in session.execute(
            sa.select(CmgClaim.allocataire_id, *claims)
            .where(CmgClaim.allocataire_id.in_(ids))
            .order_by(CmgClaim.id)
        ):
            people[owner].claims.append(Claim(*claim))
        found.update((person.number, Family(person)) for person in people.values())
    return found


def findings(
    session: Session, lines: Sequence[DeclarationLine], template: templates.Template
) -> list[Finding]:
    """The referential findings of a file's lines (only lines whose number is readable)."""
    known = families(session, (line.allocataire for line in lines if line.allocataire))
    result: list[Finding] = []
    column = template.column("allocataire")
    for line in lines:
        if not line.allocataire:
            continue
        family = known.get(line.allocataire)
        if family is None:
            result.append(
                Finding(
                    code="referential.allocataire_unknown",
                    severity=Severity.ERROR,
                    row=line.row,
                    column=template.letter("allocataire"),
                    field=column.header,
                    value=line.allocataire,
                    message=texts.UNKNOWN_ALLOCATAIRE.format(number=line.allocataire),
                    hint=texts.UNKNOWN_ALLOCATAIRE_HINT,
                )
            )
        elif _is_unknown_child(family, line, template):
            result.append(_unknown_child(line, template))
    return result


def _is_unknown_child(family: Family, line: DeclarationLine, template: templates.Template) -> bool:
    if not (template.has("child_first_name") and line.birth_date and line.child_first_name):
        return False
    return family.child(line.child_first_name, line.birth_date) is None


def _unknown_child(line: DeclarationLine, template: templates.Template) -> Finding:
    return Finding(
        code="referential.child_unknown",
        severity=Severity.WARNING,
        row=line.row,
        column=template.letter("child_first_name"),
        field=template.column("child_first_name").header,
        value=line.child_first_name,
        message=texts.UNKNOWN_CHILD.format(
            first_name=line.child_first_name, birth=format_date(line.birth_date)
        ),
        hint=texts.UNKNOWN_CHILD_HINT,
    )
