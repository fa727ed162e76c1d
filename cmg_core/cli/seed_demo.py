"""`seed-demo`: sample dossiers for the demo, submitted to the DS sandbox as partners would.

`prepare_demo_once()` is what `seed --demo` and `make run` call: the past year replayed once
(`cmg_core.demo.history`: eleven months filed, a few partners late or missing, processed at
their dates), then `submit_demo_dossiers()`: for the last elapsed month, left open, two
habilitation requests (one by a partner's manager, accepted; one by a
staff member who is not the manager, refused), then monthly files written into the blank
templates from `referential.declarations.declaration_rows` — valid ones for two micro-crèches
and two home-care providers, and one faulty micro-crèche file that the back office sends back
for correction. It writes to the sandbox's SQLite file (CMG_SANDBOX_DB), so it reaches a
sandbox served by another process, and needs the referential seeded first.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from cmg_core.cli.run import duration
from cmg_core.db.models import Partner
from cmg_core.db.session import session_scope
from cmg_core.demo.files import depositor, monthly_file
from cmg_core.ds.sandbox import SandboxStore
from cmg_core.ds.sandbox.deposit import submit
from cmg_core.templates import TemplateCode
from cmg_core.values import Month


@dataclass(frozen=True)
class DemoDossiers:
    habilitations: list[int]
    monthly: list[int]
    faulty: int | None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=date.fromisoformat, help="date du jour AAAA-MM-JJ")
    parser.add_argument(
        "--once",
        action="store_true",
        help="l'année passée puis le dernier mois, sauf s'ils sont déjà dans le bac à sable",
    )
    parser.add_argument(
        "--months", type=int, help="mois d'historique avant le dernier mois échu (11)"
    )
    parser.add_argument(
        "--then-run-every",
        type=duration,
        metavar="DURÉE",
        help="puis lance le back office à cette fréquence (make run)",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.once:
        prepare_demo_once(today=args.today, months=args.months)
    else:
        done = submit_demo_dossiers(today=args.today)
        print(
            f"Dossiers d'exemple déposés : {len(done.habilitations)} demandes d'habilitation, "
            f"{len(done.monthly)} fichiers mensuels (dont un à corriger)."
        )
    if args.then_run_every:
        every = f"{args.then_run_every}s"
        os.execv(sys.executable, [sys.executable, "-m", "cmg_core", "run", "--every", every])
    return 0


DEMO_MARKER = "demo_dossiers_submitted"
HISTORY_MARKER = "demo_history_submitted"


def prepare_demo_once(*, today: date | None = None, months: int | None = None) -> None:
    """The demo's year on the sandbox, once: the eleven months before the last elapsed one
    deposited and processed at their dates (`demo.history`), then the last elapsed month's
    dossiers (`submit_demo_dossiers`), left for the scheduled back office. Prints progress."""
    from cmg_core.demo import history  # the back office: loaded only when the demo needs it

    last = Month.of(today or date.today()).shift(-1)
    months = history.year.HISTORY_MONTHS if months is None else months
    store = SandboxStore()
    try:
        history_done = store.meta(HISTORY_MARKER) or store.meta(DEMO_MARKER)
    finally:
        store.close()
    if not history_done and months > 0:
        print(f"Démonstration : dépôt et traitement des {months} mois précédant le mois "
              f"{last.of_label()} (une fois, quelques minutes)…", flush=True)  # fmt: skip
        done = history.replay(last, months=months, progress=_history_progress)
        store = SandboxStore()
        try:
            store.set_meta(HISTORY_MARKER, "1")
        finally:
            store.close()
        print(f"Démonstration : {done.files} fichiers mensuels et {done.corrections} "
              "corrections déposés et traités.", flush=True)  # fmt: skip
    opened = submit_demo_dossiers_once(today=today)
    if opened is None:
        print("Démonstration : les dossiers d'exemple sont déjà dans le bac à sable DS.")
    else:
        print(f"Démonstration : {len(opened.habilitations)} demandes d'habilitation et "
              f"{len(opened.monthly)} fichiers mensuels déposés dans le bac à sable DS (mois "
              f"{last.of_label()}, laissé ouvert ; un à corriger).", flush=True)  # fmt: skip


def _history_progress(done) -> None:
    if done.passes % 4 == 0:
        print(f"  … {done.files} fichiers déposés, {done.passes} passes du back office", flush=True)


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
    emails = (partner.manager_email, depositor(session, partner))
    return [
        submit(store, "habilitations", siret=partner.siret, email=e, fields=request).number
        for e in emails
    ]


def _monthly_file(
    session, store: SandboxStore, partner: Partner, month: Month, *, faulty: bool
) -> int:
    deposited = submit(
        store,
        partner.kind.value,
        siret=partner.siret,
        email=depositor(session, partner),
        files=[monthly_file(session, partner, month, faulty=faulty)],
        fields={"Mois concerné (MM/AAAA)": str(month)},
    )
    return deposited.number
