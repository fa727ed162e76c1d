"""The DS ids of the champs the back office reads, discovered once and kept (`ds_champ_ids`).

`resolve(ctx, spec)` is what a stage reading champs calls first: it reads the démarche's
published revision from DS (no transaction open during the call), matches each needed champ
(`ds.descriptors.match`) against the ids kept, keeps the result in one transaction and returns
the ids to read dossiers by. When a needed champ has no single match the stage stops
(`StageStopped`, one French line per champ). A replaced champ's old id stays known, so
dossiers of older revisions are still read.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmg_core.backoffice import stored_champs
from cmg_core.backoffice.context import StageContext, StageStopped
from cmg_core.db.models import DsChampId
from cmg_core.ds import DemarcheRevision, DSError
from cmg_core.ds.demarches import DemarcheSpec
from cmg_core.ds.descriptors import DemarcheMatch, Kept, Outcome, match

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChampIds:
    """The DS ids of each needed champ of one démarche: the current one, then former ones."""

    spec: DemarcheSpec
    ids: Mapping[str, tuple[str, ...]]

    def values(self, stored: Mapping[str, Any]) -> dict[str, Any]:
        """A dossier's stored champ values (by DS id) by key; None for a champ it lacks."""
        return stored_champs.values(self.spec, self.ids, stored)


def kept(session: Session, number: int) -> dict[str, Kept]:
    """The ids kept for démarche `number`, by champ key."""
    rows = session.scalars(sa.select(DsChampId).where(DsChampId.demarche_number == number))
    return {row.key: Kept(row.descriptor_id, row.label) for row in rows}


def overrides(spec: DemarcheSpec) -> dict[str, str]:
    """The CMG_DS_CHAMP_<DEMARCHE>_<KEY> settings given, by champ key."""
    return {champ.key: value for champ in spec.champs if (value := spec.override(champ))}


def keep(session: Session, matched: DemarcheMatch, now: datetime) -> ChampIds:
    """Store the ids of `matched` (a replaced id joins the champ's former ids)."""
    rows = {
        row.key: row
        for row in session.scalars(
            sa.select(DsChampId).where(DsChampId.demarche_number == matched.spec.number)
        )
    }
    for result in matched.champs:
        if result.descriptor is None:
            continue
        row = rows.get(result.champ.key)
        if row is None:
            row = DsChampId(demarche_number=matched.spec.number, key=result.champ.key,
                            previous_ids=[], matched_at=now)  # fmt: skip
            session.add(row)
            rows[row.key] = row
        if row.descriptor_id is not None and row.descriptor_id != result.descriptor.id:
            row.previous_ids = [row.descriptor_id, *row.previous_ids]
            row.matched_at = now
        if result.outcome is not Outcome.RENAMED:  # a rename keeps the label it was matched by
            row.label = result.descriptor.label
        row.descriptor_id = result.descriptor.id
        row.revision_id = matched.revision.revision_id
        row.checked_at = now
    return ChampIds(
        matched.spec,
        {key: (row.descriptor_id, *row.previous_ids) for key, row in rows.items()},
    )


def resolve_all(ctx: StageContext, specs: Sequence[DemarcheSpec]) -> dict[int, ChampIds] | None:
    """`resolve` for each démarche, by number; None when DS did not answer (the failure is
    recorded and the stage does nothing: its dossiers wait for the next run)."""
    resolved = {}
    for spec in specs:
        try:
            resolved[spec.number] = resolve(ctx, spec)
        except DSError as error:
            ctx.fail(f"révision de la démarche {spec.number}", error)
            return None
    return resolved


def resolve(ctx: StageContext, spec: DemarcheSpec) -> ChampIds:
    """The ids to read `spec`'s dossiers by, checked against its published revision now."""
    revision = ctx.ds.demarche_revision(spec.number)
    try:
        return _match_and_keep(ctx, spec, revision, warn=True)
    except IntegrityError:  # another worker kept the same ids first: match against them
        return _match_and_keep(ctx, spec, revision, warn=False)


def _match_and_keep(
    ctx: StageContext, spec: DemarcheSpec, revision: DemarcheRevision, *, warn: bool
) -> ChampIds:
    with ctx.session() as session:
        matched = match(spec, revision, kept(session, spec.number), overrides(spec))
        if matched.problems:
            raise StageStopped(matched.problems)
        for warning in matched.warnings if warn else ():
            log.warning("%s", warning)
        return keep(session, matched, ctx.now)
