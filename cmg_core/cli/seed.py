"""`seed [--demo]`: the synthetic referential, partners and habilitations (SPEC §6).

`--demo` also prepares the demo's year on the DS sandbox, once (`cli.seed_demo.prepare_demo_once`:
eleven months deposited and processed at their dates, the last elapsed month left open).
"""

from __future__ import annotations

import argparse

from cmg_core.cli.seed_demo import prepare_demo_once
from cmg_core.db import migrate
from cmg_core.db.session import session_scope
from cmg_core.referential import shares
from cmg_core.referential.seed import seed_referential

TABLES = {
    "partners": "partenaires",
    "habilitations": "habilitations",
    "allocataires": "allocataires",
    "children": "enfants",
    "cmg_claims": "demandes de CMG",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--demo", action="store_true", help="prépare aussi la démonstration (dossiers DS)"
    )
    parser.add_argument(
        "--families",
        type=int,
        default=shares.FAMILIES,
        help=f"nombre de familles ({shares.FAMILIES})",
    )
    parser.add_argument(
        "--months",
        type=int,
        help="avec --demo : mois d'historique avant le dernier mois échu (11 ; 0 : aucun)",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    migrate.upgrade()
    with session_scope() as session:
        result = seed_referential(session, families=args.families)
    if result.total == 0:
        print("Référentiel déjà en place : rien à ajouter.")
    else:
        created = ", ".join(f"{n} {TABLES[t]}" for t, n in result.created.items())
        print(f"Référentiel créé : {created}.")
    if args.demo:
        prepare_demo_once(months=args.months)
    return 0
