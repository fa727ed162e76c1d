"""`campaign --month MM/AAAA [--dry-run]`: the monthly call, written to the outbox for every
active partner that has not filed an elapsed month (its gestionnaire and habilitated people),
once; the back office's `mail` stage sends it."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from cmg_core.db.session import session_scope
from cmg_core.guide import counted
from cmg_core.partners import calls
from cmg_core.values import Month


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", required=True, help="mois échu, MM/AAAA")
    parser.add_argument(
        "--dry-run", action="store_true", help="liste les destinataires sans rien enregistrer"
    )
    parser.add_argument("--today", type=date.fromisoformat, help="date du jour AAAA-MM-JJ")
    parser.set_defaults(func=run)


def run(args) -> int:
    try:
        month = Month.parse(args.month)
    except ValueError:
        print(f"Erreur : « {args.month} » n'est pas un mois MM/AAAA.", file=sys.stderr)
        return 2
    today = args.today or date.today()
    try:
        with session_scope() as session:
            result = calls.campaign(session, month, today, dry_run=args.dry_run)
            lines = [
                f"{p.partner.siret}\t{p.partner.name}\t{', '.join(p.new) or '(déjà appelée)'}"
                for p in result.planned
            ]
    except calls.NotElapsed as error:
        print(f"Erreur : {error}.", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    new = sum(1 for p in result.planned if p.new)
    partners = counted(result.partners, "structure n'a", "structures n'ont")
    if args.dry_run:
        called = counted(new, "serait appelée", "seraient appelées")
        print(f"Simulation : {partners} pas déposé le mois {month.of_label()} ; {called}. "
              "Rien n'est enregistré.")  # fmt: skip
    else:
        mails = counted(result.written, "nouveau courriel mis", "nouveaux courriels mis")
        print(f"Appel du mois {month.of_label()} : {partners} pas déposé ; {mails} en file "
              "d'envoi (le back office les envoie).")  # fmt: skip
    return 0
