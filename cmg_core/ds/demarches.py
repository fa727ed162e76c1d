"""The three démarches the product uses, and the champs it needs of each, in one place.

A champ is known here by its key, label and type — never by its DS id: the ids belong to a
démarche's revision, so they are discovered (`descriptors.match`, once per revision, by label
and type) and kept in the database (`backoffice.champ_ids`). The DS sandbox creates its
démarches from these; `seed --demo` submits dossiers with these champs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmg_core import settings
from cmg_core.templates import TemplateCode

CHAMP_OVERRIDE = "CMG_DS_CHAMP_<DEMARCHE>_<KEY>"  # the settings family that settles a match


class ChampType(StrEnum):
    """The DS GraphQL type a champ comes back as (e-mail and phone champs are TextChamp)."""

    TEXT = "TextChamp"
    CHECKBOX = "CheckboxChamp"
    YES_NO = "YesNoChamp"
    DATE = "DateChamp"
    DROP_DOWN = "DropDownListChamp"
    SIRET = "SiretChamp"
    PIECE_JUSTIFICATIVE = "PieceJustificativeChamp"


# The `ChampDescriptor` types (of a revision) whose champs the product reads as each champ type;
# the first is the usual one. An e-mail or phone champ is a TextChamp with its own descriptor
# type; DS's own « civilité » champ gives « M. » / « Mme » (its stringValue), as a list would.
DESCRIPTOR_TYPES: dict[ChampType, tuple[str, ...]] = {
    ChampType.TEXT: (
        "TextChampDescriptor", "EmailChampDescriptor", "PhoneChampDescriptor",
        "TextareaChampDescriptor",
    ),
    ChampType.CHECKBOX: ("CheckboxChampDescriptor",),
    ChampType.YES_NO: ("YesNoChampDescriptor",),
    ChampType.DATE: ("DateChampDescriptor",),
    ChampType.DROP_DOWN: ("DropDownListChampDescriptor", "CiviliteChampDescriptor"),
    ChampType.SIRET: ("SiretChampDescriptor",),
    ChampType.PIECE_JUSTIFICATIVE: ("PieceJustificativeChampDescriptor",),
}  # fmt: skip


@dataclass(frozen=True)
class ChampSpec:
    """One champ the product needs: a Python key, the label and type it is matched by."""

    key: str
    label: str
    type: ChampType
    required: bool = True
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemarcheSpec:
    """One démarche: its short key (the CLI's name for it), the setting holding its number, its
    title and champs, and for a monthly démarche the template it receives."""

    key: str
    number_setting: str
    title: str
    champs: tuple[ChampSpec, ...]
    template: TemplateCode | None = None

    @property
    def number(self) -> int:
        return settings.get_int(self.number_setting)

    def champ(self, key: str) -> ChampSpec:
        for spec in self.champs:
            if spec.key == key:
                return spec
        raise KeyError(key)

    def override_variable(self, champ: ChampSpec) -> str:
        """The setting that names the DS champ for `champ` (e.g. CMG_DS_CHAMP_MC_MOIS)."""
        return settings.member_name(CHAMP_OVERRIDE, DEMARCHE=self.key, KEY=champ.key)

    def override(self, champ: ChampSpec) -> str:
        """That setting's value ('' when unset)."""
        return settings.member(CHAMP_OVERRIDE, DEMARCHE=self.key, KEY=champ.key).strip()


OPERATIONS = ("AJOUT", "MODIFICATION", "SUPPRESSION")
CIVILITES = ("Madame", "Monsieur")

HABILITATIONS = DemarcheSpec(
    key="habilitations",
    number_setting="CMG_DEMARCHE_HABILITATIONS",
    title="CMG structure – Habilitation des personnes autorisées à déposer",
    champs=(
        ChampSpec("operation", "Opération", ChampType.DROP_DOWN, options=OPERATIONS),
        ChampSpec("civilite", "Civilité", ChampType.DROP_DOWN, options=CIVILITES),
        ChampSpec("prenom", "Prénom", ChampType.TEXT),
        ChampSpec("nom", "Nom", ChampType.TEXT),
        ChampSpec("courriel", "Courriel", ChampType.TEXT),
        ChampSpec("courriel_agent_a_modifier", "Courriel de l'agent à modifier", ChampType.TEXT,
                  required=False),
        ChampSpec("siret", "SIRET de la structure", ChampType.SIRET),
    ),
)  # fmt: skip


def _monthly(template: TemplateCode, number_setting: str, title: str) -> DemarcheSpec:
    return DemarcheSpec(
        key=template.value,
        template=template,
        number_setting=number_setting,
        title=title,
        champs=(
            ChampSpec("fichier", "Fichier mensuel (modèle Excel)", ChampType.PIECE_JUSTIFICATIVE),
            ChampSpec("mois", "Mois concerné (MM/AAAA)", ChampType.TEXT, required=False),
            ChampSpec("conditions", "J'accepte les conditions", ChampType.CHECKBOX),
        ),
    )  # fmt: skip


MC = _monthly(
    TemplateCode.MC, "CMG_DEMARCHE_MC", "CMG structure – Attestation mensuelle micro-crèche"
)
GAD = _monthly(
    TemplateCode.GAD, "CMG_DEMARCHE_GAD", "CMG structure – Attestation mensuelle garde à domicile"
)

DEMARCHES: tuple[DemarcheSpec, ...] = (HABILITATIONS, MC, GAD)


def by_key(key: str) -> DemarcheSpec:
    """The démarche named `habilitations`, `MC` or `GAD` (case-insensitive)."""
    for spec in DEMARCHES:
        if spec.key.lower() == key.lower():
            return spec
    raise KeyError(key)


def by_template(template: TemplateCode) -> DemarcheSpec:
    """The monthly démarche receiving `template`."""
    return next(spec for spec in DEMARCHES if spec.template is template)


def by_number(number: int) -> DemarcheSpec | None:
    """The configured démarche with this number, or None."""
    for spec in DEMARCHES:
        if spec.number == number:
            return spec
    return None
