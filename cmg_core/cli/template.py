"""`template`: writes the blank MC or GAD template, the one the portal hands out."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from cmg_core import templates
from cmg_core.workbook.blank import blank_template

USAGE_ERROR = 2
_WRITE_ERRORS = {
    errno.ENOENT: "le dossier n'existe pas",
    errno.EACCES: "accès refusé",
    errno.EISDIR: "c'est un dossier",
    errno.ENOSPC: "plus de place sur le disque",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Écrit le modèle vierge de déclaration mensuelle : en-têtes exacts, ligne d'aide, "
        "formats et contrôles de saisie Excel."
    )
    parser.add_argument(
        "template",
        type=str.upper,
        choices=[code.value for code in templates.TemplateCode],
        metavar="MC|GAD",
        help="MC pour une micro-crèche, GAD pour la garde à domicile",
    )
    parser.add_argument("output", metavar="FICHIER.xlsx", help="le fichier à écrire")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        print("Le fichier à écrire doit se terminer par .xlsx.", file=sys.stderr)
        return USAGE_ERROR
    template = templates.get(args.template)
    try:
        path.write_bytes(blank_template(template))
    except OSError as exc:
        reason = _WRITE_ERRORS.get(exc.errno, "erreur du système")
        print(f"Impossible d'écrire {path} : {reason}.", file=sys.stderr)
        return USAGE_ERROR
    print(f"Modèle vierge « {template.label} » écrit dans {path}.")
    return 0
