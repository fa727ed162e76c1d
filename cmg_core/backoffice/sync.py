"""Stage 1, sync: fetch the dossiers of each configured démarche updated since the saved cursor.

Per démarche, under the lease `sync:<number>` (another worker skips it): for each page of 100,
the new attached files are downloaded at once (DS URLs expire after an hour), MD5-checked by
the client and stored content-addressed; then the page's dossiers, their files and the page's
end cursor are saved in one transaction. `updatedSince` stays fixed, as DS recommends, and a
saved cursor is never replaced by null. A dossier changed on DS after we last processed it (the
partner put a new file after a correction request) becomes pending again. A file that could
not be downloaded is kept without storage key; intake downloads it again. Then the démarche's
deleted dossiers since their own saved cursor, page by page (`deletions.record`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import deletions
from cmg_core.backoffice.claim import lease
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.stored_champs import champs_json
from cmg_core.db.enums import DossierStatus
from cmg_core.db.models import DsCursor, DsDossier, DsFile
from cmg_core.ds import Dossier, DossierFile, DossierPage, DSError
from cmg_core.ds.demarches import DEMARCHES
from cmg_core.storage import StoredFile

log = logging.getLogger(__name__)
SINCE = datetime(2020, 1, 1, tzinfo=UTC)  # fixed `updatedSince` of a first sync


class FileKey(NamedTuple):
    """A DS file as sync knows it before and after storing it."""

    dossier_number: int
    champ_id: str  # champ descriptor id ("" when DS gives none)
    checksum: str


def run(ctx: StageContext) -> None:
    for spec in DEMARCHES:
        with lease(ctx.url, f"sync:{spec.number}", ctx.worker, ttl=ctx.claim_ttl) as held:
            if not held:
                ctx.counts["demarches_busy"] += 1
                continue
            try:
                sync_demarche(ctx, spec.number)
            except DSError as error:  # DS unreachable: the saved cursor resumes next run
                ctx.fail(f"démarche {spec.number}", error)


def sync_demarche(ctx: StageContext, number: int) -> None:
    """Every page of démarche `number` from its saved cursor on."""
    with ctx.session() as session:
        cursor = session.get(DsCursor, number)
        if cursor is None:
            cursor = DsCursor(demarche_number=number, updated_since=SINCE)
            session.add(cursor)
        after, since = cursor.end_cursor, cursor.updated_since or SINCE
        cursor.last_run_at = ctx.now
    for page in ctx.ds.dossier_pages(number, after=after, updated_since=since):
        stored = _download_new(ctx, page)
        ctx.checkpoint()
        with ctx.session() as session:
            for dossier in page.dossiers:
                _save_dossier(session, dossier, stored)
            cursor = session.get(DsCursor, number)
            if page.end_cursor:  # never overwrite a saved cursor with null
                cursor.end_cursor = page.end_cursor
        ctx.counts["dossiers"] += len(page.dossiers)
        ctx.advance(len(page.dossiers))
        ctx.checkpoint()
    sync_deleted(ctx, number)
    with ctx.session() as session:
        session.get(DsCursor, number).last_success_at = ctx.now


def sync_deleted(ctx: StageContext, number: int) -> None:
    """The dossiers of démarche `number` DS deleted since the saved cursor."""
    with ctx.session() as session:
        after = session.get(DsCursor, number).deleted_cursor
    for page in ctx.ds.deleted_dossier_pages(number, after=after, deleted_since=SINCE):
        with ctx.session() as session:
            for deleted in page.deleted:
                deletions.record(session, number, deleted, ctx.now, ctx.counts)
            if page.end_cursor:  # never overwrite a saved cursor with null
                session.get(DsCursor, number).deleted_cursor = page.end_cursor
        ctx.checkpoint()


def _download_new(ctx: StageContext, page: DossierPage) -> dict[FileKey, StoredFile]:
    """Download the page's files not stored yet; where each went."""
    wanted = {
        FileKey(d.number, f.champ_descriptor_id or "", f.checksum): f
        for d in page.dossiers
        for f in d.files
    }
    if not wanted:
        return {}
    with ctx.session() as session:
        have = session.execute(
            sa.select(DsDossier.number, DsFile.champ_id, DsFile.checksum)
            .join(DsFile, DsFile.dossier_id == DsDossier.id)
            .where(
                DsDossier.number.in_({k.dossier_number for k in wanted}),
                DsFile.storage_key.is_not(None),
            )
        ).all()
    already = {FileKey(*h) for h in have}
    stored: dict[FileKey, StoredFile] = {}
    for key, file in wanted.items():
        if key in already:
            continue
        try:
            stored[key] = _fetch(ctx, file)
        except DSError as error:
            ctx.fail(f"fichier du dossier {file.dossier_number}", error)
    return stored


def _fetch(ctx: StageContext, file: DossierFile) -> StoredFile:
    content = ctx.ds.download(file)
    suffix = ".xlsx" if file.filename.lower().endswith(".xlsx") else ""
    saved = ctx.storage.put(content, suffix=suffix)
    ctx.counts["files"] += 1
    return saved


def _save_dossier(session: Session, dossier: Dossier, stored: dict[FileKey, StoredFile]) -> None:
    row = session.scalars(sa.select(DsDossier).where(DsDossier.ds_id == dossier.id)).one_or_none()
    if row is None:
        row = DsDossier(ds_id=dossier.id, number=dossier.number, status=DossierStatus.PENDING)
        session.add(row)
    elif dossier.date_derniere_modification <= row.ds_updated_at:
        return  # an older view of the dossier than the one we hold
    row.demarche_number = dossier.demarche_number
    row.state = dossier.state.value
    row.depositor_email = dossier.usager_email.strip().lower()
    row.siret = dossier.demandeur_siret
    row.champs = champs_json(dossier)
    row.revision_id = dossier.revision_id
    row.deposited_at = dossier.date_depot
    row.ds_updated_at = dossier.date_derniere_modification
    if row.processed_version is None or row.ds_updated_at > row.processed_version:
        row.status = DossierStatus.PENDING
    session.flush()
    for file in dossier.files:
        key = FileKey(dossier.number, file.champ_descriptor_id or "", file.checksum)
        _save_file(session, row, file, stored.get(key))


def _save_file(
    session: Session, row: DsDossier, file: DossierFile, stored: StoredFile | None
) -> None:
    found = session.scalars(
        sa.select(DsFile).where(
            DsFile.dossier_id == row.id,
            DsFile.champ_id == (file.champ_descriptor_id or ""),
            DsFile.checksum == file.checksum,
        )
    ).one_or_none()
    if found is None:
        found = DsFile(
            dossier_id=row.id,
            champ_id=file.champ_descriptor_id or "",
            filename=file.filename,
            content_type=file.content_type,
            checksum=file.checksum,
            size=file.byte_size,
        )
        session.add(found)
    if stored is not None and found.storage_key is None:
        found.storage_key, found.sha256 = stored.key, stored.sha256
        found.downloaded_at = datetime.now(UTC)
