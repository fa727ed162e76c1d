"""Stage 5, feed: the attestations handed to the processing automaton (the "NIMS" feed).

Each batch of at most `CHUNK` filed attestations becomes one `FeedRun` — one flat file in the
storage (key on the run) — and one `FeedRow` per attestation version (its `payload` is the
record below, queryable in the database); the attestations become `fed`. A run usually makes
one file; parallel workers make one each. Everything of a batch commits together, and a
version is exported once (`feed_rows` is unique on attestation × version).

Feed file format: UTF-8 (no BOM), separator `;`, one header line, `\\n` line ends, one line
per declaration line (MC: one per child; GAD: one per allocataire), fields never quoted
(texts cannot hold `;`, line breaks or quotes: they are replaced by spaces), texts a
spreadsheet could take for a formula prefixed with `'`:

| column | content |
|---|---|
| `id_flux` | the FeedRun id |
| `id_attestation` | attestation id (stable across versions) |
| `version` | attestation version (1, then + 1 per correction) |
| `document_ged` | GED document id of the PDF |
| `numero_allocataire` | 7 digits |
| `mois` | month concerned, `MM/AAAA` |
| `siret` | structure SIRET, 14 digits |
| `type_structure` | `MC` or `GAD` |
| `ligne_fichier` | Excel row of the line in the deposited file |
| `nom_enfant`, `prenom_enfant` | MC only (empty for GAD) |
| `date_naissance` | MC only, `AAAA-MM-JJ` |
| `heures_totales`, `heures_specifiques` | whole numbers |
| `montant_depense` | euros, dot decimal, 2 decimals (`1234.50`) |
| `date_fin_garde` | `AAAA-MM-JJ` or empty |
| `dossier_ds` | DS dossier number of the deposit |
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice.claim import claim_rows
from cmg_core.backoffice.columns import ATTESTATIONS, CARE, LINES
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.feed_record import FeedLine, FeedRecord
from cmg_core.backoffice.filing import BatchFiler
from cmg_core.db.enums import AttestationState
from cmg_core.db.models import (
    Attestation,
    Deposit,
    DsDossier,
    FeedRow,
    FeedRun,
    Partner,
)
from cmg_core.templates import TemplateCode
from cmg_core.workbook.safe_text import neutralise

CHUNK = 5000
COLUMNS = (
    "id_flux",
    "id_attestation",
    "version",
    "document_ged",
    "numero_allocataire",
    "mois",
    "siret",
    "type_structure",
    "ligne_fichier",
    "nom_enfant",
    "prenom_enfant",
    "date_naissance",
    "heures_totales",
    "heures_specifiques",
    "montant_depense",
    "date_fin_garde",
    "dossier_ds",
)


_TABLE, _LINES = ATTESTATIONS, LINES
_ATTESTATION_COLUMNS = (
    _TABLE.c.id,
    _TABLE.c.version,
    _TABLE.c.document_id,
    _TABLE.c.allocataire_number,
    _TABLE.c.month,
    _TABLE.c.deposit_id,
)
_LINE_COLUMNS = (_LINES.c.attestation_id, _LINES.c.deposit_id, _LINES.c.row, *CARE)


def run(ctx: StageContext) -> None:
    with BatchFiler(ctx.storage) as filer:
        with ctx.session() as session:
            ctx.total = session.scalar(
                sa.select(sa.func.count()).where(Attestation.state == AttestationState.FILED)
            )
        while True:
            with ctx.session() as session:
                batch = claim_rows(
                    session,
                    sa.select(*_ATTESTATION_COLUMNS)
                    .where(_TABLE.c.state == AttestationState.FILED)
                    .order_by(_TABLE.c.id)
                    .limit(CHUNK),
                )
                if not batch:
                    return
                _export(ctx, session, batch, filer)
                filer.sync()
            ctx.counts["feed_rows"] += len(batch)
            ctx.counts["feed_files"] += 1
            ctx.advance(len(batch))
            ctx.checkpoint()


def record(attestation, lines, siret: str, kind: TemplateCode, dossier_number: int) -> FeedRecord:
    """The feed record of one attestation version (the FeedRow payload): `attestation` and
    `lines` are rows or objects with the columns' names."""
    return FeedRecord(
        attestation_id=attestation.id,
        version=attestation.version,
        document_id=attestation.document_id,
        allocataire=attestation.allocataire_number,
        month=attestation.month,
        siret=siret,
        template=kind,
        deposit_id=attestation.deposit_id,
        dossier_number=dossier_number,
        lines=tuple(FeedLine.of(line) for line in lines),
    )


def _export(ctx: StageContext, session: Session, batch: list[sa.Row], filer: BatchFiler) -> None:
    ids = [a.id for a in batch]
    lines: dict[tuple[int, int], list[sa.Row]] = {}
    for line in session.execute(
        sa.select(*_LINE_COLUMNS).where(_LINES.c.attestation_id.in_(ids)).order_by(_LINES.c.row)
    ):
        lines.setdefault((line.attestation_id, line.deposit_id), []).append(line)
    deposit_ids = {a.deposit_id for a in batch}
    origin = {
        row.id: row
        for row in session.execute(
            sa.select(Deposit.id, Partner.siret, Partner.kind, DsDossier.number)
            .join(Partner, Partner.id == Deposit.partner_id)
            .join(DsDossier, DsDossier.id == Deposit.dossier_id)
            .where(Deposit.id.in_(deposit_ids))
        )
    }
    feed_run = FeedRun(run_id=ctx.run_id, row_count=len(batch))
    session.add(feed_run)
    session.flush()
    records, rows = [], []
    for attestation in batch:
        source = origin[attestation.deposit_id]
        found = lines[(attestation.id, attestation.deposit_id)]
        data = record(attestation, found, source.siret, source.kind, source.number)
        records.append(data)
        rows.append(
            {
                "feed_run_id": feed_run.id,
                "attestation_id": attestation.id,
                "attestation_version": attestation.version,
                "allocataire_number": attestation.allocataire_number,
                "month": attestation.month,
                "siret": source.siret,
                "payload": data.to_json(),
            }
        )
    session.execute(sa.insert(FeedRow.__table__), rows)  # one executemany
    session.execute(
        sa.update(_TABLE).where(_TABLE.c.id.in_(ids)).values(state=AttestationState.FED)
    )
    ctx.checkpoint()
    stored = filer.put(feed_file(feed_run.id, records), suffix=".csv")
    feed_run.file_key, feed_run.file_sha256 = stored.key, stored.sha256


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).replace(";", " ").replace('"', " ").split())
    return str(neutralise(text))


def feed_file(feed_run_id: int, records: list[FeedRecord]) -> bytes:
    """The flat file of one feed run (format in the module docstring)."""
    out = [";".join(COLUMNS)]
    for data in records:
        for line in data.lines:
            values = (
                feed_run_id, data.attestation_id, data.version, data.document_id,
                data.allocataire, data.month, data.siret, data.template.value, line.row,
                line.child_last_name, line.child_first_name, line.birth_date,
                line.total_hours, line.special_hours, f"{line.amount:.2f}", line.end_date,
                data.dossier_number,
            )  # fmt: skip
            out.append(";".join(_cell(v) for v in values))
    return ("\n".join(out) + "\n").encode("utf-8")
