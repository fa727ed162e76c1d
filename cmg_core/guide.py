"""French help for partners, derived from the template declarations and the settings.

What each column expects, the rules that make a declaration fail, the DS links of each
démarche and the words used to show findings and values. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmg_core import settings
from cmg_core.findings import Finding, Severity
from cmg_core.precheck.wording import shown
from cmg_core.templates import TEMPLATES, Template, TemplateCode


@dataclass(frozen=True)
class ColumnHelp:
    """One line of the table "what each column expects"."""

    letter: str
    header: str
    required: bool
    help: str


@dataclass(frozen=True)
class Rule:
    """A rule that often makes a declaration fail, told in plain French."""

    title: str
    text: str


def column_help(template: Template) -> list[ColumnHelp]:
    return [
        ColumnHelp(template.letter(c.key), c.header, c.required, c.help) for c in template.columns
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "Uniquement un mois échu",
        "Déclarez un mois terminé : en mars, vous déclarez février ou un mois plus ancien. "
        "Un seul mois par fichier, écrit MM/AAAA (par exemple 02/2026).",
    ),
    Rule(
        "Numéro allocataire : 7 chiffres",
        "Écrivez les 7 chiffres du numéro, sans la lettre clé et sans espace. Gardez les zéros "
        "du début : la colonne est au format texte pour cela.",
    ),
    Rule(
        "Heures arrondies à l'unité inférieure",
        "Indiquez des heures entières. Pour 15 h 30, indiquez 15. Les heures spécifiques (entre "
        "22 h et 6 h, le dimanche, les jours fériés) sont comprises dans le total.",
    ),
    Rule(
        "16 heures minimum dans le mois",
        "En dessous de 16 heures de garde dans le mois, le CMG n'est pas dû. Déclarez tout de "
        "même les heures réelles.",
    ),
    Rule(
        "Micro-crèche : 10 € de l'heure au plus",
        "Si la dépense dépasse 10 € par heure de garde, le CMG n'est pas versé pour ce mois.",
    ),
    Rule(
        "Enfant absent ce mois-ci",
        "Si un enfant n'a pas été gardé ce mois-ci, déclarez-le avec 0 heure et 0 €, et, si la "
        "garde est terminée, la date de fin de garde.",
    ),
    Rule(
        "Un fichier Excel .xlsx, tel quel",
        "Gardez les colonnes du modèle, dans le même ordre, et enregistrez au format Classeur "
        "Excel (.xlsx). Les fichiers .xls, .ods ou .csv ne sont pas acceptés. 20 Mo au plus.",
    ),
)


# Short names of the columns, for narrow tables; the exact headers stay in the help texts.
SHORT_LABELS: dict[str, str] = {
    "month": "Mois",
    "allocataire": "N° allocataire",
    "child_last_name": "Nom",
    "child_first_name": "Prénom",
    "birth_date": "Naissance",
    "total_hours": "Heures",
    "special_hours": "Heures spécifiques",
    "amount": "Montant",
    "end_date": "Fin de garde",
}


def short_label(header: str) -> str:
    """`N° allocataire` for `NUMERO ALLOCATAIRE`; any other header is returned as it is."""
    for template in TEMPLATES.values():
        for column in template.columns:
            if column.header == header.strip():
                return SHORT_LABELS[column.key]
    return header


def template_filename(template: Template) -> str:
    """The name of the blank template file handed out for a template."""
    return f"modele-cmg-{template.code.lower()}.xlsx"


def ds_public_base() -> str:
    """Where partners open the démarches: CMG_DS_PUBLIC_URL, else CMG_DS_URL."""
    base = settings.get("CMG_DS_PUBLIC_URL") or settings.get("CMG_DS_URL")
    return base.rstrip("/")


def demarche_url(code: str | TemplateCode) -> str:
    """The public page of the monthly démarche of a template (MC or GAD)."""
    return _public_page(TemplateCode(code).value)


def habilitations_url() -> str:
    """The public page of the habilitations démarche."""
    return _public_page("HABILITATIONS")


def _public_page(demarche: str) -> str:
    """CMG_DS_LINK_<démarche> when set (DS pages use a path, not the number), else built."""
    link = settings.get(f"CMG_DS_LINK_{demarche}")
    if link:
        return link
    return f"{ds_public_base()}/commencer/{settings.get(f'CMG_DEMARCHE_{demarche}')}"


def template_label(code: str | None) -> str:
    """`Micro-crèche (MC)`, or `non reconnu` when the template is not recognised."""
    if code is None or code not in TEMPLATES:
        return "non reconnu"
    template = TEMPLATES[TemplateCode(code)]
    return f"{template.label} ({template.code.value})"


SEVERITY_LABELS: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("erreur", "erreurs"),
    Severity.WARNING: ("avertissement", "avertissements"),
    Severity.INFO: ("information", "informations"),
}


def number(count: int) -> str:
    """`2 500`: thousands separated by a narrow no-break space, as French readers expect."""
    return f"{count:,}".replace(",", "\u202f")


def counted(count: int, singular: str, plural: str) -> str:
    """`1 correction faite`, `2 500 corrections faites` (0 and 1 take the singular)."""
    return f"{number(count)} {singular if count <= 1 else plural}"


def count_text(count: int, severity: Severity) -> str:
    """`1 erreur`, `3 avertissements`, `aucune erreur`."""
    singular, plural = SEVERITY_LABELS[severity]
    if count == 0:
        return f"aucun {singular}" if severity is Severity.WARNING else f"aucune {singular}"
    return counted(count, singular, plural)


# The family of a finding code (the part before the dot), as a partner names it.
FINDING_KINDS: dict[str, str] = {
    "file": "Fichier",
    "sheet": "Feuilles du classeur",
    "header": "En-têtes de colonnes",
    "row": "Lignes",
    "cell": "Cellules vides ou formules",
    "month": "Mois concerné",
    "allocataire": "Numéro allocataire",
    "name": "Nom ou prénom de l'enfant",
    "date": "Dates",
    "birth": "Âge de l'enfant",
    "hours": "Heures de garde",
    "special_hours": "Heures spécifiques",
    "amount": "Montant de la dépense",
    "end_date": "Date de fin de garde",
    "twins": "Jumeaux",
}


def finding_kind(finding: Finding) -> str:
    family = finding.code.split(".", 1)[0]
    return FINDING_KINDS.get(family, "Autres")


def format_value(value: object) -> str:
    """A cell value as a French reader expects to see it (dates JJ/MM/AAAA, decimal comma)."""
    return shown(value)
