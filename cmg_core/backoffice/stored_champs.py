"""A dossier's champs as the back office stores them (JSON by champDescriptorId) and reads
them back by key (`demarches.ChampSpec.key`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from cmg_core.ds import Dossier, DossierFile
from cmg_core.ds.demarches import DemarcheSpec


def _json_value(value: object) -> Any:
    if isinstance(value, tuple):
        return [file_record(f) for f in value if isinstance(f, DossierFile)]
    if isinstance(value, date):
        return value.isoformat()
    return value


def file_record(file: DossierFile) -> dict[str, Any]:
    """What is kept of a DS file (its URL expires: it is never stored)."""
    return {
        "filename": file.filename,
        "checksum": file.checksum,
        "size": file.byte_size,
        "content_type": file.content_type,
    }


def champs_json(dossier: Dossier) -> dict[str, Any]:
    """The dossier's champ values, JSON-ready, by champDescriptorId."""
    return {key: _json_value(champ.value) for key, champ in dossier.champs.items()}


def values(spec: DemarcheSpec, stored: dict[str, Any]) -> dict[str, Any]:
    """Stored champ values by key (None for a champ the dossier lacks)."""
    return {champ.key: stored.get(champ.descriptor_id) for champ in spec.champs}


def text(value: Any) -> str:
    """A text champ, stripped ('' when absent)."""
    return str(value).strip() if value is not None else ""
