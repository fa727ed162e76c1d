"""`seed [--demo]`: the synthetic referential, partners and habilitations (SPEC §6).

`--demo` also prepares the demo; submitting sample dossiers to the DS sandbox is
`submit_demo_dossiers`, still to be written with the DS client (issue #6).
"""

from __future__ import annotations

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


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "seed", help="référentiel Caf synthétique, partenaires et habilitations"
    )
    parser.add_argument(
        "--demo", action="store_true", help="prépare aussi la démonstration (dossiers DS)"
    )
    parser.add_argument(
        "--families",
        type=int,
        default=shares.FAMILIES,
        help=f"nombre de familles ({shares.FAMILIES})",
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
        submit_demo_dossiers()
    return 0


def submit_demo_dossiers() -> None:
    """Hook for the demo's sample DS dossiers (habilitations and monthly files).

    To be written with the DS client and sandbox: for a few partners, submit files built with
    `cmg_core.referential.declarations.declaration_rows`. Until then the demo has the referential
    only.
    """
    print(
        "Démonstration : l'envoi de dossiers d'exemple au bac à sable DS n'est pas encore branché."
    )
