"""The MC and GAD templates, declared once (SPEC §2).

Everything else derives from these declarations: the blank workbooks, reading, validation,
annotation, documents and the portal's help. Headers and guidance texts are byte-exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def column_letter(number: int) -> str:
    """Excel's letters of the 1-based column `number`: 1 -> A, 26 -> Z, 27 -> AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class Kind(StrEnum):
    """What a column holds; the rules are chosen by kind."""

    MONTH = "month"
    ALLOCATAIRE = "allocataire"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    HOURS = "hours"
    SPECIAL_HOURS = "special_hours"
    AMOUNT = "amount"
    END_DATE = "end_date"


class TemplateCode(StrEnum):
    """The one kind of monthly declaration, and so of template, partner and démarche."""

    MC = "MC"  # micro-crèche
    GAD = "GAD"  # garde à domicile


@dataclass(frozen=True)
class Column:
    key: str  # English identifier used in code and data frames
    header: str  # exact text of row 1
    kind: Kind
    required: bool
    number_format: str  # Excel number format of the data cells ("@" is text)
    width: float
    help: str  # French: what the column expects, for the portal and Excel's input message
    guidance: str = ""  # exact text of row 2 of the blank template

    @property
    def is_text(self) -> bool:
        return self.number_format == "@"


@dataclass(frozen=True)
class Template:
    code: TemplateCode
    label: str  # French name of the structure type
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def guidance_row(self) -> tuple[str, ...]:
        return tuple(c.guidance for c in self.columns)

    def letter(self, key: str) -> str:
        """Excel column letter of a column key (A, B, …)."""
        return column_letter(self.index(key) + 1)

    def index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def column(self, key: str) -> Column:
        return self.columns[self.index(key)]

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


GUIDANCE_ALLOCATAIRE = "7 chiffres sans la lettre clé"
GUIDANCE_HOURS = (
    "Le nombre d'heure doit être arrondi à l'unité inférieure - exemple, pour 15h30 => indiquer 15"
)
GUIDANCE_DATE = "format JJ/MM/AAAA"

DATE_FORMAT = "DD/MM/YYYY"

MONTH = Column(
    "month",
    "MOIS CONCERNE (MM/AAAA)",
    Kind.MONTH,
    True,
    "@",
    16,
    "Le mois déclaré, écrit MM/AAAA (par exemple 03/2026). Uniquement un mois échu, "
    "le même sur toutes les lignes.",
)
ALLOCATAIRE = Column(
    "allocataire",
    "NUMERO ALLOCATAIRE",
    Kind.ALLOCATAIRE,
    True,
    "@",
    18,
    "Le numéro allocataire de la famille : 7 chiffres, sans la lettre clé, zéros initiaux compris.",
    GUIDANCE_ALLOCATAIRE,
)
CHILD_LAST_NAME = Column(
    "child_last_name",
    "NOM ENFANT GARDE",
    Kind.NAME,
    True,
    "@",
    22,
    "Le nom de famille de l'enfant gardé, en lettres.",
)
CHILD_FIRST_NAME = Column(
    "child_first_name",
    "PRENOM ENFANT GARDE",
    Kind.NAME,
    True,
    "@",
    22,
    "Le prénom de l'enfant gardé, en lettres.",
)
BIRTH_DATE = Column(
    "birth_date",
    "DATE NAISSANCE ENFANT GARDE (JJ/MM/AAAA)",
    Kind.BIRTH_DATE,
    True,
    DATE_FORMAT,
    20,
    "La date de naissance de l'enfant, JJ/MM/AAAA. L'enfant doit avoir moins de 6 ans.",
)
TOTAL_HOURS = Column(
    "total_hours",
    "TOTAL NB HEURE DE GARDE (Y COMPRIS HEURES SPECIFIQUES)",
    Kind.HOURS,
    True,
    "0",
    24,
    "Le nombre total d'heures de garde du mois, heures spécifiques comprises, arrondi à "
    "l'heure inférieure (15h30 : indiquer 15). 0 pour un enfant absent ce mois-ci.",
    GUIDANCE_HOURS,
)
SPECIAL_HOURS = Column(
    "special_hours",
    "NB HEURES SPECIFIQUES",
    Kind.SPECIAL_HOURS,
    False,
    "0",
    16,
    "Les heures entre 22 h et 6 h, le dimanche ou un jour férié, comprises dans le total. "
    "Vide vaut 0.",
)
AMOUNT = Column(
    "amount",
    "MONTANT DE LA DEPENSE",
    Kind.AMOUNT,
    True,
    "#,##0.00",
    18,
    "La dépense du mois pour la famille, en euros, avec au plus 2 décimales. 0 pour un "
    "enfant absent ce mois-ci.",
)
END_DATE = Column(
    "end_date",
    "DATE DE FIN DE GARDE",
    Kind.END_DATE,
    False,
    DATE_FORMAT,
    18,
    "Seulement si la garde s'est terminée pendant ce mois : la date du dernier jour, JJ/MM/AAAA.",
)

MC = Template(
    TemplateCode.MC,
    "Micro-crèche",
    (
        MONTH,
        ALLOCATAIRE,
        CHILD_LAST_NAME,
        CHILD_FIRST_NAME,
        BIRTH_DATE,
        TOTAL_HOURS,
        SPECIAL_HOURS,
        AMOUNT,
        END_DATE,
    ),
)

GAD = Template(
    TemplateCode.GAD,
    "Garde à domicile",
    (
        MONTH,
        ALLOCATAIRE,
        TOTAL_HOURS,
        SPECIAL_HOURS,
        AMOUNT,
        Column(
            END_DATE.key,
            END_DATE.header,
            END_DATE.kind,
            END_DATE.required,
            END_DATE.number_format,
            END_DATE.width,
            END_DATE.help,
            GUIDANCE_DATE,
        ),
    ),
)

TEMPLATES: dict[TemplateCode, Template] = {MC.code: MC, GAD.code: GAD}


def get(code: str | TemplateCode) -> Template:
    return TEMPLATES[TemplateCode(code)]
