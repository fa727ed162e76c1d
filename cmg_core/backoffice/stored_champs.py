"""A dossier's champs as the back office stores them (JSON by champDescriptorId) and reads
them back by key (`demarches.ChampSpec.key`) through the DS ids kept for each (`champ_ids`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cmg_core.ds import Dossier, DossierFile
from cmg_core.ds.demarches import ChampType, DemarcheSpec


@dataclass(frozen=True)
class FileInfo:
    """What is kept of a file attached to a DS champ (its URL expires: it is never stored)."""

    filename: str
    checksum: str  # DS checksum: base64 MD5
    size: int
    content_type: str

    @classmethod
    def of(cls, file: DossierFile) -> FileInfo:
        return cls(file.filename, file.checksum, file.byte_size, file.content_type)

    def to_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "checksum": self.checksum,
            "size": self.size,
            "content_type": self.content_type,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileInfo:
        return cls(data["filename"], data["checksum"], data["size"], data["content_type"])


def _json_value(value: object) -> Any:
    if isinstance(value, tuple):
        return [FileInfo.of(f).to_json() for f in value if isinstance(f, DossierFile)]
    if isinstance(value, date):
        return value.isoformat()
    return value


def champs_json(dossier: Dossier) -> dict[str, Any]:
    """The dossier's champ values, JSON-ready, by champDescriptorId."""
    return {key: _json_value(champ.value) for key, champ in dossier.champs.items()}


def values(
    spec: DemarcheSpec, ids: Mapping[str, Sequence[str]], stored: Mapping[str, Any]
) -> dict[str, Any]:
    """Stored champ values by key, each champ read under its DS ids (the current one, then those
    it had before); None for a champ the dossier lacks; a file champ's value is a tuple of
    `FileInfo`."""
    found = {
        champ.key: next((stored[i] for i in ids.get(champ.key, ()) if i in stored), None)
        for champ in spec.champs
    }
    for champ in spec.champs:
        if champ.type is ChampType.PIECE_JUSTIFICATIVE and found[champ.key] is not None:
            found[champ.key] = tuple(FileInfo.from_json(f) for f in found[champ.key])
    return found


def text(value: Any) -> str:
    """A text champ, stripped ('' when absent)."""
    return str(value).strip() if value is not None else ""
