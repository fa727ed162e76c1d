"""`ds check`: readiness against the DS the settings point at (see `backoffice.readiness`).

Exit code: 0 ready, 1 not ready (one line per problem), 2 DS unreachable or refused before any
call (production guards). The report is also kept for the staff page *Automate*.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="ds_action", metavar="ACTION", required=True)
    check = commands.add_parser(
        "check",
        help="vérifie que le back office peut travailler avec le DS configuré",
        description=(
            "Vérifie le DS visé (bac à sable ou réel), le jeton, l'instructeur, chaque démarche "
            "configurée et chaque champ attendu. Code de sortie : 0 prêt, 1 pas prêt, "
            "2 DS injoignable."
        ),
    )
    check.add_argument(
        "--timeout", type=float, default=20.0, help="délai par requête, en secondes (20)"
    )
    check.set_defaults(func=run_check)


def run_check(args) -> int:
    from cmg_core.backoffice import readiness

    report = readiness.check(timeout=args.timeout)
    print("\n".join(report.text_lines()), flush=True)  # in order, problems among the rest
    if not readiness.store(report):
        print("(rapport non enregistré : base de données indisponible)", file=sys.stderr)
    return report.exit_code
