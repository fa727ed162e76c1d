"""The three démarches the product uses, and their champs, in one place.

The client maps champs by `champDescriptorId` through this configuration; the DS sandbox serves
exactly these démarches; `seed --demo` submits dossiers with these champs. Against the real DS,
the descriptor ids are those of the published démarches (set here when they are known).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from cmg_core import settings
from cmg_core.ds.ids import global_id
from cmg_core.templates import TemplateCode

if TYPE_CHECKING:
    from cmg_core.ds.models import ChampValue, Dossier


class ChampType(StrEnum):
    """The DS GraphQL type a champ comes back as (e-mail and phone champs are TextChamp)."""

    TEXT = "TextChamp"
    CHECKBOX = "CheckboxChamp"
    YES_NO = "YesNoChamp"
    DATE = "DateChamp"
    DROP_DOWN = "DropDownListChamp"
    SIRET = "SiretChamp"
    PIECE_JUSTIFICATIVE = "PieceJustificativeChamp"


# The `ChampDescriptor` types (of a revision) whose champs come back as each champ type; the
# first is the usual one. An e-mail or phone champ is a TextChamp with its own descriptor type.
DESCRIPTOR_TYPES: dict[ChampType, tuple[str, ...]] = {
    ChampType.TEXT: (
        "TextChampDescriptor", "EmailChampDescriptor", "PhoneChampDescriptor",
        "TextareaChampDescriptor",
    ),
    ChampType.CHECKBOX: ("CheckboxChampDescriptor",),
    ChampType.YES_NO: ("YesNoChampDescriptor",),
    ChampType.DATE: ("DateChampDescriptor",),
    ChampType.DROP_DOWN: ("DropDownListChampDescriptor",),
    ChampType.SIRET: ("SiretChampDescriptor",),
    ChampType.PIECE_JUSTIFICATIVE: ("PieceJustificativeChampDescriptor",),
}  # fmt: skip


@dataclass(frozen=True)
class ChampSpec:
    """One champ of a démarche: a Python key, its stable DS id, its label and type."""

    key: str
    descriptor_id: str
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

    def values(self, dossier: Dossier) -> Mapping[str, ChampValue]:
        """The dossier's champ values by key (None for a champ the dossier lacks)."""
        return {spec.key: dossier.value(spec.descriptor_id) for spec in self.champs}


def _champ_id(number: int) -> str:
    return global_id("Champ", number)


OPERATIONS = ("AJOUT", "MODIFICATION", "SUPPRESSION")
CIVILITES = ("Madame", "Monsieur")

HABILITATIONS = DemarcheSpec(
    key="habilitations",
    number_setting="CMG_DEMARCHE_HABILITATIONS",
    title="CMG structure – Habilitation des personnes autorisées à déposer",
    champs=(
        ChampSpec("operation", _champ_id(1101), "Opération", ChampType.DROP_DOWN,
                  options=OPERATIONS),
        ChampSpec("civilite", _champ_id(1102), "Civilité", ChampType.DROP_DOWN,
                  options=CIVILITES),
        ChampSpec("prenom", _champ_id(1103), "Prénom", ChampType.TEXT),
        ChampSpec("nom", _champ_id(1104), "Nom", ChampType.TEXT),
        ChampSpec("courriel", _champ_id(1105), "Courriel", ChampType.TEXT),
        ChampSpec("courriel_agent_a_modifier", _champ_id(1106),
                  "Courriel de l'agent à modifier", ChampType.TEXT, required=False),
        ChampSpec("siret", _champ_id(1107), "SIRET de la structure", ChampType.SIRET),
    ),
)  # fmt: skip


def _monthly(
    template: TemplateCode, number_setting: str, title: str, first_id: int
) -> DemarcheSpec:
    return DemarcheSpec(
        key=template.value,
        template=template,
        number_setting=number_setting,
        title=title,
        champs=(
            ChampSpec("fichier", _champ_id(first_id), "Fichier mensuel (modèle Excel)",
                      ChampType.PIECE_JUSTIFICATIVE),
            ChampSpec("mois", _champ_id(first_id + 1), "Mois concerné (MM/AAAA)",
                      ChampType.TEXT, required=False),
            ChampSpec("conditions", _champ_id(first_id + 2), "J'accepte les conditions",
                      ChampType.CHECKBOX),
        ),
    )  # fmt: skip


MC = _monthly(
    TemplateCode.MC, "CMG_DEMARCHE_MC", "CMG structure – Attestation mensuelle micro-crèche", 1201
)
GAD = _monthly(
    TemplateCode.GAD,
    "CMG_DEMARCHE_GAD",
    "CMG structure – Attestation mensuelle garde à domicile",
    1301,
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
