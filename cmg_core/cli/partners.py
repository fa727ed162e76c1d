"""`partners`: the structures under convention — list, add, update, deactivate (or reactivate)
one, import a CSV file for the first load. Every change is in the staff journal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cmg_core.db.enums import label
from cmg_core.db.session import session_scope
from cmg_core.guide import counted
from cmg_core.partners import csv_import, registry
from cmg_core.partners.fields import PartnerError, partner_fields
from cmg_core.staff import partner_admin
from cmg_core.staff.accounts import SYSTEM

OPTIONS = (  # option, field, help
    ("--name", "name", "nom de la structure"),
    ("--kind", "kind", "type : MC (micro-crèche) ou GAD (garde à domicile)"),
    ("--convention", "convention_ref", "référence de la convention"),
    ("--convention-date", "convention_signed_on", "date de signature JJ/MM/AAAA"),
    ("--manager", "manager_email", "adresse du gestionnaire des habilitations"),
    ("--address", "address", "adresse postale"),
    ("--postcode", "postcode", "code postal"),
    ("--commune", "commune", "commune"),
)


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="partners_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="liste les structures et leur SIRET")
    listing.set_defaults(func=run_list)

    add = commands.add_parser("add", help="ajoute une structure sous convention")
    add.add_argument("--siret", required=True, help="SIRET de la structure (14 chiffres)")
    for option, field, text in OPTIONS:
        required = field in ("name", "kind", "convention_ref", "manager_email")
        add.add_argument(option, dest=field, required=required, help=text)
    add.set_defaults(func=run_add)

    update = commands.add_parser("update", help="modifie la fiche d'une structure")
    update.add_argument("siret", help="SIRET de la structure")
    for option, field, text in OPTIONS:
        update.add_argument(option, dest=field, help=text)
    update.set_defaults(func=run_update)

    for name, text in (("deactivate", "désactive"), ("reactivate", "réactive")):
        command = commands.add_parser(name, help=f"{text} une structure (son historique reste)")
        command.add_argument("siret", help="SIRET de la structure")
        command.add_argument("--reason", default="", help="motif, gardé au journal")
        command.set_defaults(func=run_set_active, active=name == "reactivate")

    load = commands.add_parser(
        "import",
        help="importe un fichier CSV (tout ou rien)",
        description="Fichier CSV séparé par des points-virgules (UTF-8 ou Windows-1252), "
        f"en-tête : {csv_import.DOCUMENTED}. Les cinq premières colonnes sont obligatoires.",
    )
    load.add_argument("file", type=Path, help="fichier CSV")
    load.set_defaults(func=run_import)


def _fail(error: Exception) -> int:
    print(f"Erreur : {error}.", file=sys.stderr)
    return 2


def run_list(args) -> int:
    with session_scope() as session:
        partners = registry.all_partners(session)
        if not partners:
            print("Aucune structure enregistrée (lancez « seed » ou « partners add »).")
        for p in partners:
            state = "active" if p.active else "désactivée"
            print(
                f"{p.siret}\t{p.kind.value}\t{p.name}\t{p.manager_email}\t{p.convention_ref}\t{state}"
            )
    return 0


def run_add(args) -> int:
    values = {"siret": args.siret, **{f: getattr(args, f) for _, f, _ in OPTIONS}}
    try:
        record = partner_fields(values)
        with session_scope() as session:
            partner = partner_admin.add(session, record, SYSTEM)
            name, kind = partner.name, label(partner.kind)
    except PartnerError as error:
        return _fail(error)
    print(f"Structure ajoutée : {name} ({kind}), SIRET {record.siret}.")
    return 0


def run_update(args) -> int:
    changes = {f: getattr(args, f) for _, f, _ in OPTIONS if getattr(args, f) is not None}
    if not changes:
        return _fail(
            PartnerError("rien à modifier : indiquez au moins une option (--name, --manager…)")
        )
    try:
        with session_scope() as session:
            described = partner_admin.update(session, args.siret, changes, SYSTEM)
    except PartnerError as error:
        return _fail(error)
    print("Modifié : " + " ; ".join(described) + "." if described else "Rien n'a changé.")
    return 0


def run_set_active(args) -> int:
    try:
        with session_scope() as session:
            changed = partner_admin.set_active(
                session, args.siret, args.active, SYSTEM, args.reason
            )
    except PartnerError as error:
        return _fail(error)
    state = "réactivée" if args.active else "désactivée"
    print(f"Structure {state}." if changed else f"La structure était déjà {state}.")
    return 0


def run_import(args) -> int:
    try:
        content = args.file.read_bytes()
    except OSError as error:
        return _fail(PartnerError(f"impossible de lire « {args.file} » ({error.strerror})"))
    try:
        with session_scope() as session:
            count = partner_admin.import_csv(session, content, SYSTEM)
    except csv_import.ImportRefused as refused:
        print("Import refusé, aucune structure ajoutée :", file=sys.stderr)
        for problem in refused.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"Import terminé : {counted(count, 'structure ajoutée', 'structures ajoutées')}.")
    return 0
