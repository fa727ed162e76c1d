"""Stage 4, attestations: one PDF per allocataire × month × structure, filed in the GED.

A current accepted deposit's lines are grouped by allocataire (MC: all the family's children
on one attestation). Each group updates or creates the one `Attestation` row of its
allocataire × month × partner: a superseding deposit bumps its `version` and replaces its PDF,
never adds a second row. The PDF (`cmg_core.documents.render_attestation`, generated at the
run's time, so a re-run gives the same bytes) is stored content-addressed; its key, SHA-256 and
document id are recorded on the row (see `filing` for the GED folder). Work is claimed deposit
by deposit (`claim.take`); each chunk of `CHUNK` families is read in one short transaction,
rendered outside any, and written in another that first renews the claim and checks the
deposit is still to do (a correction may have superseded it); a line linked to its
attestation is done.
Rows are written with Core statements (one multi-row INSERT, one executemany UPDATE and one
for the line links per chunk): ORM objects per family cost more than the rendering's margin.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice.claim import Claim, ClaimLost, give_back, renew, still_matching, take
from cmg_core.backoffice.columns import ATTESTATIONS, CARE, LINES
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.filing import BatchFiler
from cmg_core.db.enums import AttestationState, DepositStatus
from cmg_core.db.models import Deposit, DepositLine, DsDossier, Partner
from cmg_core.documents import model
from cmg_core.documents.attestation_pdf import render_attestation

log = logging.getLogger(__name__)
CHUNK = 200  # families per transaction
_LINES, _TABLE = LINES, ATTESTATIONS
_LINE_COLUMNS = (_LINES.c.id, _LINES.c.allocataire_number, *CARE)
UPDATE = sa.update(_TABLE).where(_TABLE.c.id == sa.bindparam("b_id"))  # SET from the dict keys
LINK = (
    sa.update(_LINES)
    .where(_LINES.c.id == sa.bindparam("line"))
    .values(attestation_id=sa.bindparam("attestation"))
)


def _unlinked(deposit_id) -> sa.Exists:
    """Lines of the deposit not linked yet: one probe of the (deposit_id, attestation_id) index."""
    return (
        sa.select(DepositLine.id)
        .where(DepositLine.deposit_id == deposit_id, DepositLine.attestation_id.is_(None))
        .exists()
    )


def _to_do() -> sa.Select[tuple[Deposit]]:
    return (
        sa.select(Deposit)
        .where(
            Deposit.status == DepositStatus.ACCEPTED,
            Deposit.is_current.is_(True),
            _unlinked(Deposit.id),
        )
        .order_by(Deposit.id)
    )


def run(ctx: StageContext) -> None:
    with BatchFiler(ctx.storage) as filer:
        with ctx.session() as session:
            pending = (
                sa.select(DepositLine.deposit_id, DepositLine.allocataire_number)
                .join(Deposit, Deposit.id == DepositLine.deposit_id)
                .where(
                    DepositLine.attestation_id.is_(None),
                    Deposit.status == DepositStatus.ACCEPTED,
                    Deposit.is_current.is_(True),
                )
                .distinct()
                .subquery()
            )
            ctx.total = session.scalar(sa.select(sa.func.count()).select_from(pending))
        while claim := take(ctx.url, _to_do(), ctx.worker, ttl=ctx.claim_ttl):
            try:
                while made := _file_chunk(ctx, claim, filer):
                    ctx.counts["attestations"] += made
                    ctx.advance(made)
                    ctx.checkpoint()
            except ClaimLost:  # stalled past the claim's time: another worker has the deposit
                log.warning("deposit %s: claim lost", claim.key)
                continue
            give_back(ctx.url, claim)


def _file_chunk(ctx: StageContext, claim: Claim, filer: BatchFiler) -> int:
    """Up to `CHUNK` families of the claimed deposit filed; 0 when none is left to do."""
    with ctx.session() as session:
        deposit = session.scalars(_to_do().where(Deposit.id == claim.key)).one_or_none()
        if deposit is None:  # done, or superseded since
            return 0
        lines = session.execute(
            sa.select(*_LINE_COLUMNS)
            .where(_LINES.c.deposit_id == deposit.id, _LINES.c.attestation_id.is_(None))
            .order_by(_LINES.c.row)
        ).all()
        groups: dict[str, list[sa.Row]] = defaultdict(list)
        for line in lines:
            groups[line.allocataire_number].append(line)
        numbers = list(groups)[:CHUNK]
        partner = session.get(Partner, deposit.partner_id)
        dossier = session.get(DsDossier, deposit.dossier_id)
        existing = {
            row.allocataire_number: row
            for row in session.execute(
                sa.select(
                    _TABLE.c.id, _TABLE.c.allocataire_number, _TABLE.c.deposit_id, _TABLE.c.version
                ).where(
                    _TABLE.c.partner_id == partner.id,
                    _TABLE.c.month == deposit.month,
                    _TABLE.c.allocataire_number.in_(numbers),
                )
            )
        }
    structure = model.Structure(partner.siret, partner.name, partner.kind.value, partner.commune)
    created: list[dict] = []
    updated: list[dict] = []
    replaced = 0
    for number in numbers:
        values = _fill(ctx, number, deposit, dossier, structure, groups[number], filer)
        old = existing.get(number)
        if old is None:
            created.append({**values, "allocataire_number": number, "month": deposit.month,
                            "partner_id": partner.id, "version": 1})  # fmt: skip
        else:
            version = old.version
            if old.deposit_id != deposit.id:
                version += 1
                replaced += 1
            updated.append({**values, "b_id": old.id, "version": version})
        ctx.checkpoint()  # a stop here loses the whole uncommitted chunk
    filer.sync()  # the PDFs are on disk before the rows pointing to them commit
    with ctx.session() as session:
        renew(session, claim, ctx.claim_ttl)  # first: on PostgreSQL, locks the deposit row
        if not still_matching(session, _to_do(), Deposit.id, [deposit.id]):
            return 0  # superseded while we rendered: its successor has the families
        _write(session, numbers, groups, existing, created, updated)
    ctx.counts["attestations_updated"] += replaced
    return len(numbers)


def _write(session: Session, numbers, groups, existing, created, updated) -> None:
    ids = {number: row.id for number, row in existing.items()}
    if created:  # one multi-row INSERT … RETURNING gives every new attestation its id
        inserted = session.execute(
            sa.insert(_TABLE).returning(_TABLE.c.allocataire_number, _TABLE.c.id), created
        )
        ids.update((number, id_) for number, id_ in inserted)
    if updated:
        updated.sort(key=lambda values: values["b_id"])  # row locks in id order, as processing
        session.execute(UPDATE, updated)  # one executemany
    links = [{"line": line.id, "attestation": ids[n]} for n in numbers for line in groups[n]]
    session.execute(LINK, links)  # one executemany, not one UPDATE per line


def _fill(
    ctx: StageContext,
    number: str,
    deposit: Deposit,
    dossier: DsDossier,
    structure: model.Structure,
    lines: list[sa.Row],
    filer: BatchFiler,
) -> dict:
    """Render and store one family's PDF; the attestation columns it sets."""
    document = model.Attestation(
        structure=structure,
        allocataire=number,
        month=deposit.month,
        children=tuple(
            model.ChildCare(
                line.child_last_name,
                line.child_first_name,
                line.birth_date,
                line.total_hours,
                line.special_hours,
                line.amount,
                line.end_date,
            )
            for line in lines
        ),
        deposit_reference=str(dossier.number),
        deposited_on=(deposit.deposited_at or ctx.now).date(),
        generated_at=ctx.now,
    )
    stored = filer.put(render_attestation(document), suffix=".pdf")
    ends = [line.end_date for line in lines if line.end_date is not None]
    return {
        "deposit_id": deposit.id,
        "total_hours": sum(line.total_hours for line in lines),
        "special_hours": sum(line.special_hours for line in lines),
        "amount": sum((line.amount for line in lines), start=lines[0].amount * 0),
        "end_date": max(ends) if len(ends) == len(lines) else None,
        "document_id": document.document_id,
        "pdf_key": stored.key,
        "pdf_sha256": stored.sha256,
        "filed_at": ctx.now,
        "state": AttestationState.FILED,
    }
