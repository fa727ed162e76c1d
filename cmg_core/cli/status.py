"""`status`: counts per stage and state, last runs and the referential's shares (SPEC §6)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cmg_core.db import enums, migrate
from cmg_core.db.session import session_scope
from cmg_core.status import collect

TITLES = {  # section: its title and the enum its states belong to
    "dossiers": ("Dossiers DS", enums.DossierStatus),
    "deposits": ("Dépôts", enums.DepositStatus),
    "lines": ("Lignes déclarées", enums.LineOutcome),
    "attestations": ("Attestations", enums.AttestationState),
}
GROUPS = {
    "twins": "familles avec jumeaux",
    "locked": "dossiers en cours de mise à jour",
    "unknown_claim": "demandes de CMG non encore connues",
    "not_affiliated": "allocataires non affiliés à la Caf",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="un seul objet JSON sur la sortie")
    parser.set_defaults(func=run)


def run(args) -> int:
    if migrate.current() is None:
        print("Base vide : lancez d'abord « python -m cmg_core db upgrade ».", file=sys.stderr)
        return 1
    with session_scope() as session:
        status = collect(session)
    print(json.dumps(status, ensure_ascii=False) if args.json else render(status))
    return 0


def render(status: dict[str, Any]) -> str:
    """The status as French text for a person."""
    lines = [f"Base {status['database']}, révision {status['revision'] or 'aucune'}"]
    for key, (title, enum) in TITLES.items():
        lines.append(f"{title} : {_states(status[key], enum)}")
    queue = status["queue"]
    lines.append(f"File GCA : {_states(queue['by_status'], enums.QueueStatus)}")
    lines.append(f"  par motif : {_states(queue['by_reason'], enums.QueueReason)}")
    for key, title in (("bilans", "Bilans"), ("notifications", "Messages Mon Compte")):
        sent = status[key]
        lines.append(f"{title} : {sent['total']} dont {sent['sent']} envoyés")
    lines.append("Dernières exécutions :" if status["last_runs"] else "Aucune exécution.")
    for run in status["last_runs"]:
        lines.append(
            f"  {run['stage']} : {_label(run['status'], enums.RunStatus)}, "
            f"début {run['started_at']}, {run['failures']} échec(s)"
        )
    ref = status["referential"]
    lines.append(f"Référentiel : {ref['families']} familles, {ref['children']} enfants")
    for name, share in ref["shares"].items():
        lines.append(
            f"  {GROUPS[name]} : {share['count']} ({_percent(share['share'])}, "
            f"documenté {_percent(share['documented'])})"
        )
    return "\n".join(lines)


def _states(counts: dict[str, int], enum: type[enums.StrEnum]) -> str:
    if not counts:
        return "aucun"
    total = sum(counts.values())
    return f"{total} (" + ", ".join(f"{_label(k, enum)} {n}" for k, n in counts.items()) + ")"


def _label(value: str, enum: type[enums.StrEnum]) -> str:
    """The French label of a stored state of `enum` (the raw value if it is not one)."""
    return enums.label(enum(value)) if value in enum._value2member_map_ else value


def _percent(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")
