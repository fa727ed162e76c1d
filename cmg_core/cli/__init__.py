"""Command-line entry point: `COMMANDS` names each command's module, imported only when chosen.

`--help` imports no command module, so it answers at once; `python -m cmg_core precheck …`
imports the pre-check alone, not the database or the DS client. A command module defines
`configure(parser)`: it adds its arguments (and sub-commands) to the parser made here and sets
`func=callable(args) -> int`. Adding a command is one line of `COMMANDS` and its module.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from cmg_core import settings
from cmg_core.cli import _french

# name -> (module under cmg_core.cli, one-line French help shown by `--help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "campaign": ("campaign", "appel mensuel aux structures qui n'ont pas déposé un mois échu"),
    "db": ("db", "crée ou met à jour la base de données"),
    "demo": ("demo", "démarre le portail de démonstration (make run)"),
    "ds": ("ds", "démarches-simplifiées (DS) : vérifier que tout est prêt (ds check)"),
    "ds-sandbox": ("ds_sandbox", "bac à sable local de demarches-simplifiees.fr (DS)"),
    "partners": ("partners", "structures partenaires, conventions et gestionnaires"),
    "precheck": ("precheck", "pré-contrôle d'un fichier mensuel (.xlsx)"),
    "run": ("run", "lance le back office (synchronisation DS → bilans → Mon Compte)"),
    "seed": ("seed", "référentiel Caf synthétique, partenaires et habilitations"),
    "seed-demo": ("seed_demo", "dépose des dossiers d'exemple dans le bac à sable DS"),
    "status": ("status", "état de la base : dépôts, attestations, file GCA, exécutions"),
    "template": ("template", "écrit un modèle vierge (MC ou GAD) au format .xlsx"),
    "users": ("users", "comptes du personnel de la Caf"),
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The parser for `argv`: every command listed, the chosen one's module configuring it."""
    _french.install()
    parser = argparse.ArgumentParser(
        prog="python -m cmg_core",
        description="Attestations mensuelles CMG : pré-contrôle, DS, back office.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    for name, (module, help_text) in COMMANDS.items():
        command = subparsers.add_parser(name, help=help_text, description=_sentence(help_text))
        if name == chosen:
            importlib.import_module(f"{__name__}.{module}").configure(command)
    return parser


def _sentence(help_text: str) -> str:
    return help_text[0].upper() + help_text[1:] + "."


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=settings.get("CMG_LOG_LEVEL"), format="%(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every URL at INFO, and DS file URLs are signed: they stay out of the logs.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)
