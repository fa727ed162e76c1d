"""`seed-demo`: sample dossiers for the demo, submitted to the DS sandbox as partners would.

`submit_demo_dossiers()` is what `seed --demo` calls (its hook in `cli/seed.py`): for the
last elapsed month, two habilitation requests (one by a partner's manager, accepted; one by a
staff member who is not the manager, refused), then monthly files written into the blank
templates from `referential.declarations.declaration_rows` — valid ones for two micro-crèches
and two home-care providers, and one faulty micro-crèche file that the back office sends back
for correction. It writes to the sandbox's SQLite file (CMG_SANDBOX_DB), so it reaches a
sandbox served by another process, and needs the referential seeded first.
"""

from __future__ import annotations

import argparse
import io
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from openpyxl import load_workbook

from cmg_core import templates
from cmg_core.db.models import Habilitation, Partner
from cmg_core.db.session import session_scope
from cmg_core.ds.sandbox import SandboxStore, UploadedFile
from cmg_core.ds.sandbox.deposit import submit
from cmg_core.referential.declarations import declaration_rows
from cmg_core.templates import TemplateCode
from cmg_core.values import Month
from cmg_core.workbook.blank import FIRST_DATA_ROW, blank_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEED = 493


@dataclass(frozen=True)
class DemoDossiers:
    habilitations: list[int]
    monthly: list[int]
    faulty: int | None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=date.fromisoformat, help="date du jour AAAA-MM-JJ")
    parser.set_defaults(func=run)


def run(args) -> int:
    done = submit_demo_dossiers(today=args.today)
    print(
        f"Dossiers d'exemple déposés : {len(done.habilitations)} demandes d'habilitation, "
        f"{len(done.monthly)} fichiers mensuels (dont un à corriger)."
    )
    return 0


def workbook(template: templates.Template, rows: list[dict]) -> bytes:
    """The blank template with `rows` typed in below its guidance row."""
    book = load_workbook(io.BytesIO(blank_template(template)))
    sheet = book.worksheets[0]
    for offset, row in enumerate(rows):
        for index, column in enumerate(template.columns, start=1):
            value = row.get(column.key)
            cell = sheet.cell(FIRST_DATA_ROW + offset, index)
            cell.value = float(value) if isinstance(value, Decimal) else value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _spoil(rows: list[dict]) -> list[dict]:
    """Typical mistakes: the key letter typed, half hours, more special hours than hours."""
    spoiled = [dict(row) for row in rows]
    if spoiled:
        spoiled[0]["allocataire"] = spoiled[0]["allocataire"] + "K"
    if len(spoiled) > 1:
        spoiled[1]["total_hours"] = f"{spoiled[1]['total_hours']},5"
    if len(spoiled) > 2:
        spoiled[2]["special_hours"] = int(spoiled[2]["total_hours"]) + 5
    return spoiled


def _depositor(session, partner: Partner) -> str:
    staff = session.scalars(
        sa.select(Habilitation.email)
        .where(Habilitation.partner_id == partner.id, Habilitation.active.is_(True))
        .order_by(Habilitation.id)
    ).first()
    return staff or partner.manager_email


DEMO_MARKER = "demo_dossiers_submitted"


def submit_demo_dossiers_once(*, today: date | None = None) -> DemoDossiers | None:
    """`submit_demo_dossiers` unless this sandbox already has the demo's dossiers (None)."""
    store = SandboxStore()
    try:
        if store.meta(DEMO_MARKER):
            return None
        done = submit_demo_dossiers(today=today, store=store)
        store.set_meta(DEMO_MARKER, "1")
        return done
    finally:
        store.close()


def submit_demo_dossiers(
    *, today: date | None = None, store: SandboxStore | None = None, url: str | None = None
) -> DemoDossiers:
    """Submit the demo's dossiers (see the module docstring); their numbers."""
    month = Month.of(today or date.today()).shift(-1)
    own = store is None
    store = store or SandboxStore()
    try:
        with session_scope(url) as session:
            partners = session.scalars(sa.select(Partner).order_by(Partner.id)).all()
            mc = [p for p in partners if p.kind is TemplateCode.MC][:3]
            gad = [p for p in partners if p.kind is TemplateCode.GAD][:2]
            if not mc or not gad:
                raise RuntimeError("référentiel absent : lancez d'abord « seed »")
            habilitations = _habilitation_requests(session, store, mc[0])
            monthly = [
                _monthly_file(session, store, partner, month, faulty=partner is mc[-1])
                for partner in [*mc, *gad]
            ]
    finally:
        if own:
            store.close()
    return DemoDossiers(habilitations, monthly, monthly[len(mc) - 1])


def _habilitation_requests(session, store: SandboxStore, partner: Partner) -> list[int]:
    """The same AJOUT twice: by the manager (accepted), by a staff member (refused)."""
    domain = partner.manager_email.split("@")[1]
    request = {
        "Opération": "AJOUT",
        "Civilité": "Madame",
        "Prénom": "Sophie",
        "Nom": "Petit",
        "Courriel": f"sophie.petit@{domain}",
        "SIRET de la structure": partner.siret,
    }
    emails = (partner.manager_email, _depositor(session, partner))
    return [
        submit(store, "habilitations", siret=partner.siret, email=e, fields=request).number
        for e in emails
    ]


def _monthly_file(
    session, store: SandboxStore, partner: Partner, month: Month, *, faulty: bool
) -> int:
    rng = random.Random(f"{SEED}-{partner.siret}")
    template = templates.get(partner.kind.value)
    rows = declaration_rows(session, partner, month, rng)
    content = workbook(template, _spoil(rows) if faulty else rows)
    name = f"{partner.kind.value}-{month.iso}-{partner.siret}.xlsx"
    deposited = submit(
        store,
        partner.kind.value,
        siret=partner.siret,
        email=_depositor(session, partner),
        files=[UploadedFile(name, content, XLSX)],
        fields={"Mois concerné (MM/AAAA)": str(month)},
    )
    return deposited.number
