"""Sample documents for the tests: a micro-crèche and a home-care provider, realistic names."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from cmg_core.documents.model import (
    Attestation,
    Bilan,
    BilanLine,
    Caf,
    ChildCare,
    Outcome,
    Structure,
)
from cmg_core.values import Month

CAF = Caf("Caf de Maine-et-Loire", "493")
MICRO_CRECHE = Structure("12345678900012", "Micro-crèche Les Petits Loups", "MC", "Angers")
HOME_CARE = Structure("98765432100021", "Aide à domicile de l'Aubance", "GAD", "Brissac")
MARCH = Month(2026, 3)
GENERATED_AT = datetime(2026, 4, 5, 14, 32)


def zoe() -> ChildCare:
    return ChildCare("Lefèvre", "Zoé", date(2023, 5, 14), 152, 12, Decimal("1234.50"))


def attestation(*children: ChildCare, **changes: object) -> Attestation:
    """An MC attestation (Zoé alone unless children are given); keywords override fields."""
    fields: dict[str, object] = {
        "caf": CAF,
        "structure": MICRO_CRECHE,
        "allocataire": "0123456",
        "month": MARCH,
        "children": children or (zoe(),),
        "deposit_reference": "20260412",
        "deposited_on": date(2026, 4, 2),
        "generated_at": GENERATED_AT,
    }
    fields.update(changes)
    return Attestation(**fields)  # type: ignore[arg-type]


def three_children() -> tuple[ChildCare, ...]:
    return (
        ChildCare("Côté", "Hélène", date(2021, 1, 3), 80, 0, Decimal("812")),
        ChildCare(
            "Garçon", "Théo", date(2022, 7, 30), 120, 30, Decimal("1100.05"), date(2026, 3, 20)
        ),
        ChildCare("Lefèvre", "Jérôme", date(2025, 11, 2), 0, 0, Decimal("0")),
    )


def home_care_attestation() -> Attestation:
    care = ChildCare(None, None, None, 64, 26, Decimal("1532.80"), None)
    return attestation(care, structure=HOME_CARE, allocataire="1112223")


OUTCOMES = (
    (Outcome.PROCESSED, "Attestation enregistrée.", ""),
    (
        Outcome.TO_MANAGER,
        "Le dossier de la famille est en cours de mise à jour.",
        "Aucune action : un gestionnaire de la Caf traitera l'attestation.",
    ),
    (
        Outcome.REJECTED,
        "Numéro allocataire inconnu de la Caf.",
        "Vérifiez le numéro allocataire et déposez une correction.",
    ),
)


def bilan(count: int = 40, structure: Structure = MICRO_CRECHE, **changes: object) -> Bilan:
    """A bilan of `count` lines cycling through the three outcomes."""
    lines = []
    for index in range(count):
        outcome, reason, action = OUTCOMES[index % 3]
        child = f"Enfant{index} Prénom{index}" if structure.kind == "MC" else None
        lines.append(BilanLine(index + 3, f"{1000000 + index:07d}", child, outcome, reason, action))
    fields: dict[str, object] = {
        "caf": CAF,
        "structure": structure,
        "month": MARCH,
        "deposit_reference": "20260412",
        "deposited_on": date(2026, 4, 2),
        "processed_at": datetime(2026, 4, 6, 9, 5),
        "lines": tuple(lines),
    }
    fields.update(changes)
    return Bilan(**fields)  # type: ignore[arg-type]
