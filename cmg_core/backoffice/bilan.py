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
is already there is not sent twice, and `sent_to_ds_at` closes the work. The deposit is claimed
(`claim.take`) first; the documents are rendered and stored, and the bilan row written, before
the DS calls, which run outside any transaction; the last transaction records the decision
and releases the claim.
"""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.backoffice import ds_actions, texts, withdrawal
from cmg_core.backoffice.claim import Claim, ClaimLost, give_back, release, take
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.dossier_loop import record_seen
from cmg_core.backoffice.ds_actions import Seen
from cmg_core.db.enums import DepositStatus, LineOutcome, QueueReason
from cmg_core.db.models import AbsentChild, Bilan, Deposit, DepositLine, DsDossier, Partner
from cmg_core.documents import model
from cmg_core.documents.bilan_pdf import render_bilan_pdf
from cmg_core.documents.bilan_xlsx import render_bilan_xlsx
from cmg_core.ds import DSError
from cmg_core.templates import TemplateCode

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
            query = _to_do(status)
            if ctx.skipped:
                query = query.where(Deposit.id.not_in(ctx.skipped))
            claim = take(ctx.url, query, ctx.worker, ttl=ctx.claim_ttl)
            if claim is None:
                break
            try:
                handle(ctx, claim)
            except DSError as error:
                ctx.skipped.add(claim.key)
                ctx.fail(f"bilan du dépôt {claim.key}", error)
                give_back(ctx.url, claim)
            except ClaimLost:  # stalled past the claim's time: another worker has the deposit
                ctx.skipped.add(claim.key)
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


def _send(ctx: StageContext, claim: Claim) -> None:
    with ctx.session() as session:
        deposit = session.get(Deposit, claim.key)
        dossier = session.get(DsDossier, deposit.dossier_id)
        partner = session.get(Partner, deposit.partner_id)
        lines = session.scalars(
            sa.select(DepositLine)
            .where(DepositLine.deposit_id == deposit.id)
            .order_by(DepositLine.row)
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
    stored_pdf = ctx.storage.put(pdf, suffix=".pdf")
    stored_xlsx = ctx.storage.put(xlsx, suffix=".xlsx")
    counts = {
        "received": summary.received,
        "processed": summary.processed,
        "to_manager": summary.to_manager,
        "rejected": summary.rejected,
    }
    if withdrawn:
        counts["withdrawn"] = len(withdrawn)
    with ctx.session() as session:
        bilan = session.scalars(
            sa.select(Bilan).where(Bilan.deposit_id == deposit.id)
        ).one_or_none()
        if bilan is None:
            bilan = Bilan(deposit_id=deposit.id, created_at=ctx.now)
            session.add(bilan)
        bilan.pdf_key, bilan.pdf_sha256 = stored_pdf.key, stored_pdf.sha256
        bilan.xlsx_key, bilan.xlsx_sha256 = stored_xlsx.key, stored_xlsx.sha256
        bilan.counts = counts
    name = f"bilan-{dossier.number}-{deposit.month.iso}"
    month = deposit.month.of_label()
    body = texts.BILAN_MESSAGE.format(
        month=month,
        absent=texts.absent_note(
            [_absent_name(m) for m in absent], families=partner.kind is TemplateCode.GAD
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
    _decided(ctx, claim, dossier.id, motivation, seen, via="justificatif")
    ctx.counts["bilans"] += 1


def _absent_name(missing: model.Missing) -> str:
    if missing.child_name:
        return f"{missing.child_name} (allocataire {missing.allocataire})"
    return f"allocataire {missing.allocataire}"


def _close(ctx: StageContext, claim: Claim) -> None:
    """A deposit replaced before its bilan: its dossier is accepted, pointing to the newer."""
    with ctx.session() as session:
        deposit = session.get(Deposit, claim.key)
        successor = session.get(Deposit, deposit.superseded_by_id)
        newer = None
        if successor is not None and successor.dossier_id != deposit.dossier_id:
            newer = session.get(DsDossier, successor.dossier_id)
        dossier = session.get(DsDossier, deposit.dossier_id)
    motivation, seen = None, None
    if newer is not None:
        motivation = texts.REPLACED.format(number=newer.number)
        ctx.checkpoint()
        seen = ds_actions.accept(ctx.ds, dossier.number, motivation=motivation)
    _decided(ctx, claim, dossier.id, motivation, seen, via="motivation")
    ctx.counts["replaced_closed"] += 1


def _decided(
    ctx: StageContext,
    claim: Claim,
    dossier_id: int,
    motivation: str | None,
    seen: Seen | None,
    *,
    via: str,
) -> None:
    """The bilan sent (`via` its justificatif, or the motivation alone) and, when DS decided,
    the dossier's decision recorded; the deposit's claim released in the same transaction."""
    ctx.checkpoint()  # DS has acted, the database not yet
    with ctx.session() as session:
        bilan = session.scalars(sa.select(Bilan).where(Bilan.deposit_id == claim.key)).one_or_none()
        if bilan is None:  # a replaced deposit: no document, a bilan row closes the work
            bilan = Bilan(deposit_id=claim.key, created_at=ctx.now, counts={"replaced": 1})
            session.add(bilan)
        bilan.sent_to_ds_at, bilan.sent_via = ctx.now, via
        if seen is not None:
            dossier = session.get(DsDossier, dossier_id)
            dossier.decision = "accepte"
            dossier.motivation = motivation
            record_seen(dossier, seen)
            dossier.processed_at = ctx.now
        release(session, claim)
