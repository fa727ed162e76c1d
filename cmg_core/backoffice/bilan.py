"""Stage 7, bilan: the bilan de traitement of each processed deposit, sent on its DS dossier.

For a processed current deposit: one line per declaration line (outcome, reason, what to do,
in French), rendered as PDF and xlsx (`cmg_core.documents`), stored, recorded in `bilans`; on
DS the xlsx goes in a message (with a note on absent children), then the dossier is accepted
with the PDF as justificatif (passed en instruction first if needed). The bilan and the
message also name the children declared last month and missing now (`absent`), and the
families a correction dropped (their attestation withdrawn, see `withdrawal`). A deposit
superseded before its bilan gets its dossier accepted with a motivation pointing to the newer
dossier.
Idempotence: a dossier already decided on DS is not touched again, a message whose attachment
is already there is not sent twice, and `sent_to_ds_at` closes the work.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import ds_actions, texts, withdrawal
from cmg_core.backoffice.claim import claim_one
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.dossier_loop import record_seen
from cmg_core.backoffice.ds_actions import Seen
from cmg_core.db.enums import DepositStatus, LineOutcome, PartnerKind, QueueReason
from cmg_core.db.models import AbsentChild, Bilan, Deposit, DepositLine, DsDossier, Partner
from cmg_core.documents import model
from cmg_core.documents.bilan_pdf import render_bilan_pdf
from cmg_core.documents.bilan_xlsx import render_bilan_xlsx
from cmg_core.ds import DSError

OUTCOMES = {
    LineOutcome.APPLIED: model.Outcome.PROCESSED,
    LineOutcome.QUEUED: model.Outcome.TO_MANAGER,
    LineOutcome.REJECTED: model.Outcome.REJECTED,
}


def _to_do(status: DepositStatus) -> sa.Select[tuple[Deposit]]:
    sent = sa.select(Bilan.id).where(
        Bilan.deposit_id == Deposit.id, Bilan.sent_to_ds_at.is_not(None)
    )
    query = sa.select(Deposit).where(Deposit.status == status, ~sent.exists())
    if status is DepositStatus.PROCESSED:
        query = query.where(Deposit.is_current.is_(True))
    return query.order_by(Deposit.id)


def run(ctx: StageContext) -> None:
    for status, handle in ((DepositStatus.PROCESSED, _send), (DepositStatus.SUPERSEDED, _close)):
        while True:
            with ctx.session() as session:
                query = _to_do(status)
                if ctx.skipped:
                    query = query.where(Deposit.id.not_in(ctx.skipped))
                deposit = claim_one(session, query)
                if deposit is None:
                    break
                try:
                    with session.begin_nested():
                        handle(ctx, session, deposit)
                except DSError as error:
                    ctx.skipped.add(deposit.id)
                    ctx.fail(f"bilan du dépôt {deposit.id}", error)
            ctx.advance()
            ctx.checkpoint()


def bilan_line(line: DepositLine) -> model.BilanLine:
    """One line of the bilan: outcome, reason and action in French."""
    if line.outcome is LineOutcome.APPLIED:
        reason, action = texts.APPLIED_REASON, ""
    elif line.outcome is LineOutcome.QUEUED:
        reason, action = texts.QUEUE_REASONS[QueueReason(line.reason)]
    else:
        reason, action = texts.REJECTED_REASON, texts.REJECTED_ACTION
    child = None
    if line.child_first_name:
        child = f"{line.child_first_name} {line.child_last_name or ''}".strip()
    return model.BilanLine(line.row, line.allocataire_number, child, OUTCOMES[line.outcome],
                           reason, action)  # fmt: skip


def _send(ctx: StageContext, session: Session, deposit: Deposit) -> None:
    dossier = session.get(DsDossier, deposit.dossier_id)
    partner = session.get(Partner, deposit.partner_id)
    lines = session.scalars(
        sa.select(DepositLine).where(DepositLine.deposit_id == deposit.id).order_by(DepositLine.row)
    ).all()
    absent = [
        model.Missing(a.allocataire_number, a.child_first_name or None, a.birth_date)
        for a in session.scalars(
            sa.select(AbsentChild)
            .where(AbsentChild.deposit_id == deposit.id)
            .order_by(AbsentChild.id)
        )
    ]
    withdrawn = withdrawal.withdrawn_numbers(session, deposit)
    document = model.Bilan(
        structure=model.Structure(partner.siret, partner.name, partner.kind.value, partner.commune),
        month=deposit.month,
        deposit_reference=str(dossier.number),
        deposited_on=(deposit.deposited_at or ctx.now).date(),
        processed_at=ctx.now,
        lines=tuple(bilan_line(line) for line in lines),
        absent=absent,
        withdrawn=withdrawn,
    )
    pdf, xlsx = render_bilan_pdf(document), render_bilan_xlsx(document)
    summary = document.summary
    bilan = session.scalars(sa.select(Bilan).where(Bilan.deposit_id == deposit.id)).one_or_none()
    if bilan is None:
        bilan = Bilan(deposit_id=deposit.id, created_at=ctx.now)
        session.add(bilan)
    stored_pdf = ctx.storage.put(pdf, suffix=".pdf")
    stored_xlsx = ctx.storage.put(xlsx, suffix=".xlsx")
    bilan.pdf_key, bilan.pdf_sha256 = stored_pdf.key, stored_pdf.sha256
    bilan.xlsx_key, bilan.xlsx_sha256 = stored_xlsx.key, stored_xlsx.sha256
    bilan.counts = {
        "received": summary.received,
        "processed": summary.processed,
        "to_manager": summary.to_manager,
        "rejected": summary.rejected,
    }
    name = f"bilan-{dossier.number}-{deposit.month.iso}"
    if withdrawn:
        bilan.counts = {**bilan.counts, "withdrawn": len(withdrawn)}
    month = deposit.month.of_label()
    body = texts.BILAN_MESSAGE.format(
        month=month,
        absent=texts.absent_note(
            [_absent_name(m) for m in absent], families=partner.kind is PartnerKind.GAD
        ),
        withdrawn=texts.withdrawn_note(withdrawn),
    )
    motivation = texts.BILAN_MOTIVATION.format(
        month=month,
        summary=texts.bilan_summary(summary.processed, summary.to_manager, summary.rejected),
    )
    remote = ctx.ds.dossier(dossier.number)
    if remote.state not in ds_actions.FINAL_STATES:
        ds_actions.send_message_once(
            ctx.ds, remote, body=body,
            attachment=ds_actions.Attachment(f"{name}.xlsx", xlsx, ds_actions.XLSX),
        )  # fmt: skip
        ctx.checkpoint()
    seen = ds_actions.accept(
        ctx.ds, dossier.number, motivation=motivation,
        justificatif=ds_actions.Attachment(f"{name}.pdf", pdf, ds_actions.PDF), remote=remote,
    )  # fmt: skip
    bilan.sent_to_ds_at, bilan.sent_via = ctx.now, "justificatif"
    _decided(ctx, dossier, motivation, seen)
    ctx.counts["bilans"] += 1


def _absent_name(missing: model.Missing) -> str:
    if missing.child_name:
        return f"{missing.child_name} (allocataire {missing.allocataire})"
    return f"allocataire {missing.allocataire}"


def _close(ctx: StageContext, session: Session, deposit: Deposit) -> None:
    """A deposit replaced before its bilan: its dossier is accepted, pointing to the newer."""
    successor = session.get(Deposit, deposit.superseded_by_id)
    dossier = session.get(DsDossier, deposit.dossier_id)
    bilan = Bilan(deposit_id=deposit.id, created_at=ctx.now, counts={"replaced": 1})
    session.add(bilan)
    if successor is not None and successor.dossier_id != deposit.dossier_id:
        newer = session.get(DsDossier, successor.dossier_id)
        motivation = texts.REPLACED.format(number=newer.number)
        ctx.checkpoint()
        seen = ds_actions.accept(ctx.ds, dossier.number, motivation=motivation)
        _decided(ctx, dossier, motivation, seen)
    bilan.sent_to_ds_at, bilan.sent_via = ctx.now, "motivation"
    ctx.counts["replaced_closed"] += 1


def _decided(ctx: StageContext, dossier: DsDossier, motivation: str, seen: Seen) -> None:
    ctx.checkpoint()  # DS has acted, the database not yet
    dossier.decision = "accepte"
    dossier.motivation = motivation
    record_seen(dossier, seen)
    dossier.processed_at = ctx.now
