"""Which champ descriptor of a démarche's published revision is each champ the product needs.

A needed champ (`demarches.ChampSpec`) is matched once by normalised label and expected type,
and its DS id kept by the caller; from then on it is followed by id (DS keeps a champ's id when
the champ is renamed, so a rename is only a warning). A kept id that left the revision is
matched again by label. The setting CMG_DS_CHAMP_<DEMARCHE>_<KEY> (an id, or a label) settles a
match that finds no champ or several. When no single champ fits, the result carries one French
line naming the démarche, the label and what was found. Pure: no DS call, no database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cmg_core.ds.demarches import DESCRIPTOR_TYPES, ChampSpec, ChampType, DemarcheSpec
from cmg_core.ds.models import ChampDescriptor, DemarcheRevision, DemarcheState

TYPE_WORDS = {
    ChampType.TEXT: "texte",
    ChampType.CHECKBOX: "case à cocher",
    ChampType.YES_NO: "oui/non",
    ChampType.DATE: "date",
    ChampType.DROP_DOWN: "liste déroulante",
    ChampType.SIRET: "SIRET",
    ChampType.PIECE_JUSTIFICATIVE: "pièce justificative",
}
LISTED = 4  # candidates named in a problem line
READABLE_STATES = (DemarcheState.PUBLIEE, DemarcheState.CLOSE)  # a closed one keeps its dossiers


def normalise(label: str) -> str:
    """A label compared without case, accents, punctuation or repeated spaces."""
    letters = unicodedata.normalize("NFKD", label.casefold())
    plain = "".join(ch if ch.isalnum() else " " for ch in letters if not unicodedata.combining(ch))
    return " ".join(plain.split())


def type_words(typename: str) -> str:
    """`PieceJustificativeChampDescriptor` → « pièce justificative »."""
    for champ_type, typenames in DESCRIPTOR_TYPES.items():
        if typename in typenames:
            return TYPE_WORDS[champ_type]
    return typename.removesuffix("ChampDescriptor")


class Outcome(StrEnum):
    KEPT = "kept"  # the kept id is in the revision, label unchanged
    RENAMED = "renamed"  # the kept id is in the revision under another label (a warning)
    MATCHED = "matched"  # found by label, nothing kept yet
    REMATCHED = "rematched"  # the kept id left the revision; found again by label
    OVERRIDDEN = "overridden"  # named by its CMG_DS_CHAMP_… setting
    ABSENT = "absent"  # an optional champ the revision lacks (a warning; its value is None)
    UNMATCHED = "unmatched"  # no single champ fits: `problem` says why


@dataclass(frozen=True)
class Kept:
    """What the database holds for one needed champ."""

    descriptor_id: str
    label: str  # the label it was matched by


@dataclass(frozen=True)
class ChampMatch:
    champ: ChampSpec
    outcome: Outcome
    descriptor: ChampDescriptor | None = None
    note: str | None = None  # French: a problem (UNMATCHED) or a warning (RENAMED, ABSENT)


@dataclass(frozen=True)
class DemarcheMatch:
    """The needed champs of one démarche against its published revision."""

    spec: DemarcheSpec
    revision: DemarcheRevision
    champs: tuple[ChampMatch, ...]
    state_problem: str | None = None

    @property
    def problems(self) -> list[str]:
        found = [m.note for m in self.champs if m.outcome is Outcome.UNMATCHED and m.note]
        return [self.state_problem, *found] if self.state_problem else found

    @property
    def warnings(self) -> list[str]:
        noted = (Outcome.RENAMED, Outcome.ABSENT)
        return [m.note for m in self.champs if m.outcome in noted and m.note]

    @property
    def ids(self) -> dict[str, str]:
        """The matched descriptor id of each needed champ, by key."""
        return {m.champ.key: m.descriptor.id for m in self.champs if m.descriptor is not None}


def demarche_words(spec: DemarcheSpec, revision: DemarcheRevision | None = None) -> str:
    """« Démarche 1002 (CMG structure – Attestation mensuelle micro-crèche) »."""
    title = revision.title if revision is not None else spec.title
    return f"Démarche {spec.number} ({title})"


def match(
    spec: DemarcheSpec,
    revision: DemarcheRevision,
    kept: Mapping[str, Kept],
    overrides: Mapping[str, str],
) -> DemarcheMatch:
    """Each needed champ of `spec` in `revision`, given what is kept and the overrides (by key)."""
    if revision.state not in READABLE_STATES or revision.revision_id is None:
        problem = (
            f"{demarche_words(spec, revision)} : elle n'est pas publiée sur DS "
            f"(état : {revision.state.value}) ; publiez-la ou corrigez {spec.number_setting}."
        )
        return DemarcheMatch(spec, revision, (), problem)
    champs = tuple(
        _match_one(spec, champ, revision, kept.get(champ.key), overrides.get(champ.key, ""))
        for champ in spec.champs
    )
    return DemarcheMatch(spec, revision, champs)


def _match_one(
    spec: DemarcheSpec,
    champ: ChampSpec,
    revision: DemarcheRevision,
    kept: Kept | None,
    override: str,
) -> ChampMatch:
    accepted = DESCRIPTOR_TYPES[champ.type]
    of_type = [d for d in revision.descriptors if d.typename in accepted]
    if override:
        found = [d for d in of_type if d.id == override] or _labelled(of_type, override)
        if len(found) == 1:
            return ChampMatch(champ, Outcome.OVERRIDDEN, found[0])
        return ChampMatch(champ, Outcome.UNMATCHED, note=_override_problem(
            spec, champ, revision, override, found
        ))  # fmt: skip
    same = next((d for d in of_type if kept and d.id == kept.descriptor_id), None)
    if same is not None and kept is not None:
        if normalise(same.label) == normalise(kept.label):
            return ChampMatch(champ, Outcome.KEPT, same)
        note = (
            f"{demarche_words(spec, revision)} : le champ « {kept.label} » s'appelle désormais "
            f"« {same.label} » sur DS ; il reste suivi par son identifiant ({same.id})."
        )
        return ChampMatch(champ, Outcome.RENAMED, same, note)
    found = _labelled(of_type, champ.label)
    if len(found) == 1:
        return ChampMatch(champ, Outcome.REMATCHED if kept else Outcome.MATCHED, found[0])
    if not found and not champ.required:
        note = (
            f"{demarche_words(spec, revision)} : le champ facultatif « {champ.label} » est absent "
            "de la révision publiée ; il est ignoré."
        )
        return ChampMatch(champ, Outcome.ABSENT, note=note)
    return ChampMatch(champ, Outcome.UNMATCHED, note=_label_problem(spec, champ, revision, found))


def _labelled(descriptors: list[ChampDescriptor], label: str) -> list[ChampDescriptor]:
    wanted = normalise(label)
    return [d for d in descriptors if normalise(d.label) == wanted]


def _named(descriptors: list[ChampDescriptor]) -> str:
    shown = [f"« {d.label} » ({d.id})" for d in descriptors[:LISTED]]
    more = len(descriptors) - LISTED
    return ", ".join(shown) + (f" et {more} autre(s)" if more > 0 else "")


def _found(champ: ChampSpec, revision: DemarcheRevision) -> str:
    """What the revision offers instead: the champs of the expected type, or of the label."""
    accepted = DESCRIPTOR_TYPES[champ.type]
    of_type = [d for d in revision.descriptors if d.typename in accepted]
    other_type = [d for d in _labelled(list(revision.descriptors), champ.label) if d not in of_type]
    found = []
    if other_type:
        d = other_type[0]
        found.append(f"un champ « {d.label} » existe mais de type {type_words(d.typename)}")
    words = TYPE_WORDS[champ.type]
    found.append(
        f"champs de type {words} : {_named(of_type)}" if of_type else f"aucun champ de type {words}"
    )
    return " ; ".join(found)


def _label_problem(
    spec: DemarcheSpec, champ: ChampSpec, revision: DemarcheRevision, found: list
) -> str:
    where = demarche_words(spec, revision)
    variable = spec.override_variable(champ)
    words = TYPE_WORDS[champ.type]
    if found:
        return (
            f"{where} : {len(found)} champs « {champ.label} » de type {words} ({_named(found)}) ; "
            f"indiquez le bon dans {variable} (son identifiant)."
        )
    return (
        f"{where} : aucun champ « {champ.label} » de type {words} dans la révision publiée "
        f"({_found(champ, revision)}) ; indiquez le bon dans {variable} (son identifiant ou "
        "son libellé)."
    )


def _override_problem(
    spec: DemarcheSpec, champ: ChampSpec, revision: DemarcheRevision, value: str, found: list
) -> str:
    where = demarche_words(spec, revision)
    variable = spec.override_variable(champ)
    if found:
        return (
            f"{where} : {variable} = « {value} » désigne {len(found)} champs ({_named(found)}) ; "
            "donnez plutôt l'identifiant du bon."
        )
    return (
        f"{where} : {variable} = « {value} » ne désigne aucun champ de type "
        f"{TYPE_WORDS[champ.type]} de la révision publiée ({_found(champ, revision)})."
    )
