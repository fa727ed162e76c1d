"""Excel data validation of each template column: the input message and the error message.

Derived from the column's kind and help text (templates.py). Excel limits a title to 32
characters and a message to 255; the texts are checked against those limits by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.datavalidation import DataValidation

from cmg_core.templates import Column, Kind

TITLE_LIMIT = 32
MESSAGE_LIMIT = 255
MAX_MONTH_HOURS = 31 * 24

SHORT_LABELS = {
    "month": "Mois concerné",
    "allocataire": "Numéro allocataire",
    "child_last_name": "Nom de l'enfant",
    "child_first_name": "Prénom de l'enfant",
    "birth_date": "Date de naissance",
    "total_hours": "Total des heures de garde",
    "special_hours": "Heures spécifiques",
    "amount": "Montant de la dépense",
    "end_date": "Date de fin de garde",
}


@dataclass(frozen=True)
class Rule:
    """What Excel accepts in a column (None: anything), and what it says otherwise."""

    type: str | None
    operator: str | None = None
    formula1: str | None = None
    formula2: str | None = None
    error_title: str = ""
    error: str = ""


_DATE_ERROR = "Saisissez une date réelle au format JJ/MM/AAAA, par exemple 15/03/2024."
_HOURS_ERROR = (
    f"Saisissez un nombre entier d'heures, de 0 à {MAX_MONTH_HOURS}, arrondi à l'heure "
    "inférieure (pour 15 h 30, indiquez 15)."
)

RULES = {
    Kind.MONTH: Rule(
        "textLength",
        "equal",
        "7",
        error_title="Mois non valide",
        error="Écrivez le mois sous la forme MM/AAAA, par exemple 03/2026.",
    ),
    Kind.ALLOCATAIRE: Rule(
        "textLength",
        "equal",
        "7",
        error_title="Numéro allocataire non valide",
        error=(
            "Le numéro allocataire compte exactement 7 chiffres, sans la lettre clé, zéros "
            "initiaux compris (par exemple 0123456)."
        ),
    ),
    Kind.NAME: Rule(None),
    Kind.BIRTH_DATE: Rule(
        "date", "greaterThanOrEqual", "1", error_title="Date non valide", error=_DATE_ERROR
    ),
    Kind.END_DATE: Rule(
        "date", "greaterThanOrEqual", "1", error_title="Date non valide", error=_DATE_ERROR
    ),
    Kind.HOURS: Rule(
        "whole",
        "between",
        "0",
        str(MAX_MONTH_HOURS),
        error_title="Nombre d'heures non valide",
        error=_HOURS_ERROR,
    ),
    Kind.SPECIAL_HOURS: Rule(
        "whole",
        "between",
        "0",
        str(MAX_MONTH_HOURS),
        error_title="Nombre d'heures non valide",
        error=_HOURS_ERROR + " Elles ne dépassent pas le total.",
    ),
    Kind.AMOUNT: Rule(
        "decimal",
        "greaterThanOrEqual",
        "0",
        error_title="Montant non valide",
        error="Saisissez un montant en euros, positif ou nul, avec au plus 2 décimales.",
    ),
}


def short_label(column: Column) -> str:
    return SHORT_LABELS.get(column.key, column.header)[:TITLE_LIMIT]


def data_validation(column: Column, cells: str) -> DataValidation:
    """The validation of `column` over the range `cells` (e.g. "B3:B1048576")."""
    rule = RULES[column.kind]
    validation = DataValidation(
        type=rule.type,
        operator=rule.operator,
        formula1=rule.formula1,
        formula2=rule.formula2,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=short_label(column),
        prompt=fit(column.help),
        showErrorMessage=rule.type is not None,
        errorStyle="stop",
        errorTitle=rule.error_title[:TITLE_LIMIT] or None,
        error=fit(rule.error) or None,
    )
    validation.add(cells)
    return validation


def fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """`text` within Excel's limit, cut at a word and ended with "…" when too long."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
