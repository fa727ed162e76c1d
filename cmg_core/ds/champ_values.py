"""One small converter per DS champ type: GraphQL node (as selected by `ChampFields`) → value.

The aliases (`text`, `checked`, `yesNo`, `choice`) are those of `documents/fragments.graphql`.
A champ type without a converter falls back to its `stringValue`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from cmg_core.ds.models import Champ, ChampValue, DossierFile

Node = Mapping[str, Any]


def parse_file(node: Node, *, dossier_number: int, descriptor_id: str | None) -> DossierFile:
    """A `FileFields` node; `byteSizeBigInt` is a BigInt, which DS serialises as a string."""
    return DossierFile(
        dossier_number=dossier_number,
        champ_descriptor_id=descriptor_id,
        filename=node["filename"],
        content_type=node["contentType"],
        checksum=node["checksum"],
        byte_size=int(node["byteSizeBigInt"]),
        url=node["url"],
    )


def text(node: Node, _dossier_number: int) -> ChampValue:
    """TextChamp, also e-mail and phone champs: the text, None when empty."""
    return node.get("text") or None


def checkbox(node: Node, _dossier_number: int) -> ChampValue:
    return bool(node.get("checked"))


def yes_no(node: Node, _dossier_number: int) -> ChampValue:
    value = node.get("yesNo")
    return None if value is None else bool(value)


def date_champ(node: Node, _dossier_number: int) -> ChampValue:
    value = node.get("date")
    return date.fromisoformat(value) if value else None


def drop_down(node: Node, _dossier_number: int) -> ChampValue:
    return node.get("choice") or None


def siret(node: Node, _dossier_number: int) -> ChampValue:
    """SiretChamp: the établissement's SIRET, else the typed text (établissement unknown)."""
    etablissement = node.get("etablissement")
    if etablissement and etablissement.get("siret"):
        return etablissement["siret"]
    raw = (node.get("stringValue") or "").replace(" ", "")
    return raw or None


def piece_justificative(node: Node, dossier_number: int) -> ChampValue:
    descriptor_id = node["champDescriptorId"]
    return tuple(
        parse_file(f, dossier_number=dossier_number, descriptor_id=descriptor_id)
        for f in node.get("files") or ()
    )


def string_value(node: Node, _dossier_number: int) -> ChampValue:
    return node.get("stringValue") or None


CONVERTERS: Mapping[str, Callable[[Node, int], ChampValue]] = {
    "TextChamp": text,
    "CheckboxChamp": checkbox,
    "YesNoChamp": yes_no,
    "DateChamp": date_champ,
    "DropDownListChamp": drop_down,
    "SiretChamp": siret,
    "PieceJustificativeChamp": piece_justificative,
}


def convert(node: Node, *, dossier_number: int) -> Champ:
    """A `ChampFields` node as a typed `Champ`."""
    typename = node.get("__typename", "")
    converter = CONVERTERS.get(typename, string_value)
    return Champ(
        descriptor_id=node["champDescriptorId"],
        label=node.get("label", ""),
        type=typename,
        value=converter(node, dossier_number),
    )
