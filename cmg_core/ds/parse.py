"""GraphQL answers (as selected by our fragments) → the client's dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cmg_core.ds import champ_values
from cmg_core.ds.models import (
    ChampDescriptor,
    CorrectionReason,
    DeletedDossier,
    DeletedReason,
    DemarcheRevision,
    DemarcheState,
    Dossier,
    DossierState,
    DossierSummary,
    Message,
)

Node = Mapping[str, Any]


def timestamp(value: str) -> datetime:
    """An ISO8601DateTime (DS sends an offset, e.g. `2026-01-15T10:00:00+01:00`)."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def optional_timestamp(value: str | None) -> datetime | None:
    return timestamp(value) if value else None


def dossier(node: Node) -> Dossier:
    """A `DossierFields` node (with `messages` when the query selected them)."""
    number = int(node["number"])
    demandeur = node.get("demandeur") or {}
    converted = (champ_values.convert(c, dossier_number=number) for c in node.get("champs") or ())
    return Dossier(
        id=node["id"],
        number=number,
        demarche_number=int(node["demarche"]["number"]),
        state=DossierState(node["state"]),
        date_depot=timestamp(node["dateDepot"]),
        date_derniere_modification=timestamp(node["dateDerniereModification"]),
        usager_email=node["usager"]["email"],
        demandeur_siret=demandeur.get("siret"),
        champs={c.descriptor_id: c for c in converted},
        messages=tuple(message(m, dossier_number=number) for m in node.get("messages") or ()),
        revision_id=(node["demarche"].get("revision") or {}).get("id"),
    )


def demarche_revision(node: Node) -> DemarcheRevision:
    """A `getDemarcheRevision` démarche node."""
    published = node.get("publishedRevision") or {}
    return DemarcheRevision(
        number=int(node["number"]),
        title=node["title"],
        state=DemarcheState(node["state"]),
        revision_id=published.get("id"),
        descriptors=tuple(
            ChampDescriptor(d["__typename"], d["id"], d["label"], bool(d["required"]))
            for d in published.get("champDescriptors") or ()
        ),
        instructeur_ids=frozenset(
            i["id"] for g in node.get("groupeInstructeurs") or () for i in g["instructeurs"]
        ),
    )


def deleted_dossier(node: Node) -> DeletedDossier:
    """A `getDeletedDossiers` node."""
    return DeletedDossier(
        number=int(node["number"]),
        reason=DeletedReason(node["reason"]),
        state=DossierState(node["state"]),
        deleted_at=timestamp(node["dateSupression"]),
    )


def summary(node: Node) -> DossierSummary:
    """A `DossierSummaryFields` node."""
    return DossierSummary(
        id=node["id"],
        number=int(node["number"]),
        state=DossierState(node["state"]),
        date_derniere_modification=timestamp(node["dateDerniereModification"]),
    )


def message(node: Node, *, dossier_number: int) -> Message:
    """A `MessageFields` node."""
    correction = node.get("correction") or {}
    return Message(
        id=node["id"],
        body=node["body"],
        created_at=timestamp(node["createdAt"]),
        email=node["email"],
        attachments=tuple(
            champ_values.parse_file(f, dossier_number=dossier_number, descriptor_id=None)
            for f in node.get("attachments") or ()
        ),
        correction_reason=CorrectionReason(correction["reason"]) if correction else None,
        correction_resolved_at=optional_timestamp(correction.get("dateResolution")),
    )
