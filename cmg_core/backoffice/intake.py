"""Stage 3, intake: turn each monthly file deposited on the MC or GAD démarche into a deposit.

Gatekeeping first: the SIRET must be a partner of the démarche's kind and the depositor its
manager or an active habilitation (otherwise the dossier is refused with a motivation), the
partner still active, the conditions accepted and a file attached (otherwise a correction is
asked, saying why). Then the pre-check (`check_workbook`, today = the run's date, the
démarche's template expected), the dossier's « Mois concerné » against the file's month
(`declared_month`) and the referential checks (`backoffice.caf_families`). A file with
blocking errors is sent back with
`dossierEnvoyerMessage(correction)` and the annotated workbook; the partner resubmits on the
same dossier. A valid file becomes the current deposit of its SIRET × month × template — a
later valid file supersedes it (`cmg_core.db.deposits`), withdrawing the attestations of the
families it no longer declares (`withdrawal`) — its lines are saved and the dossier passes en
instruction. Idempotence: a file is taken in once (deposit unique per dossier × file
SHA-256); the DS calls check the dossier's state or open correction first. The dossier is
claimed (`claim.take`) before any work; the pre-check and the annotated copy run outside any
transaction, and no transaction stays open across a DS call.
"""

from __future__ import annotations

from functools import partial
from pathlib import PurePath

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import templates
from cmg_core.backoffice import caf_families, ds_actions, texts
from cmg_core.backoffice.champ_ids import ChampIds, resolve_all
from cmg_core.backoffice.claim import Claim
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.declared_month import findings as declared_month_findings
from cmg_core.backoffice.dossier_loop import finish, process_dossiers
from cmg_core.backoffice.stored_champs import FileInfo
from cmg_core.backoffice.withdrawal import withdraw_dropped
from cmg_core.db.deposits import add_current
from cmg_core.db.enums import DepositStatus
from cmg_core.db.models import Deposit, DepositLine, DsDossier, DsFile, Habilitation, Partner
from cmg_core.db.types import utcnow
from cmg_core.ds import DSFileExpired, demarches
from cmg_core.ds.demarches import DemarcheSpec
from cmg_core.findings import Finding, Severity
from cmg_core.precheck import check_workbook
from cmg_core.values import Month
from cmg_core.workbook.annotate import annotate
from cmg_core.workbook.rejected import WorkbookRejected

LISTED_ERRORS = 10


def run(ctx: StageContext) -> None:
    ids = resolve_all(ctx, (demarches.MC, demarches.GAD))
    if ids is not None:
        process_dossiers(ctx, tuple(ids), partial(handle, ids))


def handle(ids: dict[int, ChampIds], ctx: StageContext, claim: Claim, dossier: DsDossier) -> None:
    spec = demarches.by_number(dossier.demarche_number)
    champs = ids[dossier.demarche_number].values(dossier.champs)
    with ctx.session() as session:
        partner = session.scalars(sa.select(Partner).where(Partner.siret == dossier.siret)).first()
        refusal = _refusal(session, dossier, spec, partner)
    if refusal is not None:
        ctx.checkpoint()
        seen = ds_actions.refuse(ctx.ds, dossier.number, motivation=refusal)
        finish(ctx, claim, "refuse", refusal, seen)
        return
    files = champs["fichier"] or []
    problem = None if partner.active else texts.PARTNER_INACTIVE.format(partner=partner.name)
    problem = problem or (None if champs["conditions"] else texts.CONDITIONS)
    problem = problem or (None if files else texts.NO_FILE)
    if problem is not None:
        ctx.checkpoint()
        seen = ds_actions.request_correction(ctx.ds, dossier.number, body=problem)
        finish(ctx, claim, "correction", problem, seen)
        return
    info = files[-1]
    content, key, sha256 = _file_content(ctx, dossier, info)
    with ctx.session() as session:
        deposit = session.scalars(
            sa.select(Deposit).where(
                Deposit.dossier_id == dossier.id, Deposit.file_sha256 == sha256
            )
        ).one_or_none()
    if deposit is None:
        deposit = _take_in(ctx, dossier, spec, partner, content, key, sha256, info, champs["mois"])
    ctx.checkpoint()
    if deposit.status is DepositStatus.CORRECTION_REQUESTED:
        body, attachment = _correction(ctx, deposit)
        seen = ds_actions.request_correction(
            ctx.ds, dossier.number, body=body, attachment=attachment
        )
        finish(ctx, claim, "correction", body, seen)
    else:
        seen = ds_actions.ensure_instruction(ctx.ds, dossier.number)
        finish(ctx, claim, "en_instruction", None, seen)


def _refusal(
    session: Session, dossier: DsDossier, spec: DemarcheSpec, partner: Partner | None
) -> str | None:
    """Why the deposit cannot be received at all (French), or None."""
    if partner is None:
        return texts.NOT_A_PARTNER.format(siret=dossier.siret or "(absent)")
    if partner.kind != spec.template:
        right = demarches.by_template(partner.kind)
        kind = templates.get(partner.kind).label.lower()
        return texts.WRONG_DEMARCHE.format(partner=partner.name, kind=kind, title=right.title)
    email = dossier.depositor_email.lower()
    if email == partner.manager_email.lower():
        return None
    habilitated = session.scalar(
        sa.select(sa.func.count()).where(
            Habilitation.partner_id == partner.id,
            Habilitation.email == email,
            Habilitation.active.is_(True),
        )
    )
    return None if habilitated else texts.NOT_AUTHORISED.format(email=email, partner=partner.name)


def _file_content(ctx: StageContext, dossier: DsDossier, info: FileInfo) -> tuple[bytes, str, str]:
    """The file's bytes, storage key and SHA-256: stored by sync, or downloaded again now."""
    with ctx.session() as session:
        row = session.scalars(
            sa.select(DsFile).where(
                DsFile.dossier_id == dossier.id, DsFile.checksum == info.checksum
            )
        ).first()
    if row is not None and row.storage_key:
        return ctx.storage.get(row.storage_key), row.storage_key, row.sha256
    for file in ctx.ds.dossier(dossier.number).files:  # fresh URLs
        if file.checksum == info.checksum:
            content = ctx.ds.download(file)
            saved = ctx.storage.put(content, suffix=".xlsx")
            if row is not None:
                with ctx.session() as session:
                    stored = session.get(DsFile, row.id)
                    stored.storage_key, stored.sha256 = saved.key, saved.sha256
                    stored.downloaded_at = utcnow()
            return content, saved.key, saved.sha256
    raise DSFileExpired("download", f"dossier {dossier.number} : fichier absent sur DS")


def _take_in(
    ctx: StageContext,
    dossier: DsDossier,
    spec: DemarcheSpec,
    partner: Partner,
    content: bytes,
    key: str,
    sha256: str,
    info: FileInfo,
    declared_month: object,
) -> Deposit:
    """Check the file and record it: a current deposit with its lines, or a correction."""
    template = templates.get(spec.template)
    report = check_workbook(content, info.filename, template=spec.template, today=ctx.today)
    found = list(report.findings) + declared_month_findings(declared_month, report.month)
    if report.template == spec.template and report.lines:
        with ctx.session() as session:
            found += caf_families.findings(session, report.lines, template)
    found.sort(key=lambda f: (f.row is not None, f.row or 0, f.column or ""))
    errors = sum(1 for f in found if f.severity is Severity.ERROR)
    deposit = Deposit(
        dossier_id=dossier.id,
        partner_id=partner.id,
        siret=partner.siret,
        template=spec.template,
        month=Month.parse(report.month) if report.month else None,
        file_name=info.filename[:255],
        file_key=key,
        file_sha256=sha256,
        findings=[f.to_dict() for f in found],
        row_count=report.rows,
        error_count=errors,
        warning_count=sum(1 for f in found if f.severity is Severity.WARNING),
        deposited_at=dossier.deposited_at,
        valid=errors == 0,
    )
    if errors:
        deposit.status = DepositStatus.CORRECTION_REQUESTED
        deposit.is_current = False
        deposit.annotated_key = _annotated_key(ctx, content, found)
        with ctx.session() as session:
            session.add(deposit)
        ctx.counts["files_sent_back"] += 1
        return deposit
    deposit.status = DepositStatus.ACCEPTED
    with ctx.session() as session:
        if add_current(session, deposit) is not None:
            ctx.counts["deposits_superseded"] += 1
            kept = {line.allocataire for line in report.lines}
            withdrawn = withdraw_dropped(session, deposit, kept, ctx.now)
            ctx.counts["attestations_withdrawn"] += withdrawn
        _save_lines(session, deposit, report.lines)
    ctx.counts["deposits_accepted"] += 1
    ctx.counts["lines"] += len(report.lines)
    return deposit


def _save_lines(session: Session, deposit: Deposit, lines) -> None:
    session.execute(
        sa.insert(DepositLine),
        [
            {
                "deposit_id": deposit.id,
                "row": line.row,
                "allocataire_number": line.allocataire,
                "child_last_name": line.child_last_name,
                "child_first_name": line.child_first_name,
                "birth_date": line.birth_date,
                "total_hours": line.total_hours,
                "special_hours": line.special_hours or 0,
                "amount": line.amount,
                "end_date": line.end_date,
            }
            for line in lines
        ],
    )


def _annotated_key(ctx: StageContext, content: bytes, found: list[Finding]) -> str | None:
    try:
        annotated = annotate(content, found)
    except WorkbookRejected:  # not a workbook we can write back: the message lists the errors
        return None
    return ctx.storage.put(annotated, suffix=".xlsx").key


def _correction(ctx: StageContext, deposit: Deposit) -> tuple[str, ds_actions.Attachment | None]:
    found = [Finding.from_dict(f) for f in deposit.findings]
    errors = [f for f in found if f.severity is Severity.ERROR]
    listed = [
        (f"Ligne {f.row}, colonne {f.column} : " if f.row and f.column else "") + f.message
        for f in errors[:LISTED_ERRORS]
    ]
    body = texts.correction_message(deposit.file_name, listed, len(errors))
    if deposit.annotated_key is None:
        return body, None
    name = f"{PurePath(deposit.file_name).stem}-a-corriger.xlsx"
    content = ctx.storage.get(deposit.annotated_key)
    return body, ds_actions.Attachment(name, content, ds_actions.XLSX)
