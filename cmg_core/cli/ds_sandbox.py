"""`ds-sandbox`: run the local DS sandbox, and deposit or update dossiers as a partner would.

The commands work on the sandbox's SQLite file (CMG_SANDBOX_DB), so `submit` and `update`
reach a sandbox served by another process.
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import urlsplit

from cmg_core import settings
from cmg_core.ds import demarches
from cmg_core.ds.sandbox import DepositRefused, SandboxServer, SandboxStore, UploadedFile
from cmg_core.ds.sandbox.deposit import submit, update


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="ds_command", metavar="ACTION", required=True)

    serve_parser = commands.add_parser("serve", help="démarre le bac à sable DS")
    default_port = urlsplit(settings.get("CMG_DS_URL")).port or 8765
    serve_parser.add_argument(
        "--port", type=int, default=default_port, help=f"port d'écoute ({default_port})"
    )
    serve_parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute")
    serve_parser.add_argument(
        "--file-ttl", type=float, default=3600.0, help="durée de validité des liens de fichiers (s)"
    )
    serve_parser.set_defaults(func=serve)

    keys = [d.key for d in demarches.DEMARCHES]
    submit_parser = commands.add_parser("submit", help="dépose un dossier comme un partenaire")
    submit_parser.add_argument("--demarche", required=True, choices=keys, help="démarche visée")
    submit_parser.add_argument("--siret", required=True, help="SIRET de la structure")
    submit_parser.add_argument("--email", required=True, help="courriel du déposant")
    _file_and_field_options(submit_parser)
    submit_parser.add_argument(
        "--draft", action="store_true", help="laisse le dossier en brouillon (jamais servi)"
    )
    submit_parser.set_defaults(func=run_submit)

    update_parser = commands.add_parser(
        "update", help="modifie un dossier en construction (ex. nouveau fichier après correction)"
    )
    update_parser.add_argument("number", type=int, help="numéro du dossier")
    _file_and_field_options(update_parser)
    update_parser.set_defaults(func=run_update)


def _file_and_field_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file", action="append", default=[], metavar="F", help="fichier joint (répétable)"
    )
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="LIBELLÉ=VALEUR",
        help="valeur d'un champ, par son libellé (répétable)",
    )


def _fields(pairs: list[str]) -> dict[str, str]:
    fields = {}
    for pair in pairs:
        label, sep, value = pair.partition("=")
        if not sep:
            raise DepositRefused(f"--field attend LIBELLÉ=VALEUR, pas « {pair} »")
        fields[label.strip()] = value
    return fields


def serve(args) -> int:
    server = SandboxServer(
        SandboxStore(), host=args.host, port=args.port, file_url_ttl=args.file_ttl
    )
    print(
        f"Bac à sable DS à l'écoute sur {server.url}/api/v2/graphql (Ctrl-C pour arrêter)",
        flush=True,
    )
    print(f"État conservé dans {server.store.path}")
    for spec in demarches.DEMARCHES:
        print(f"  démarche {spec.number} : {spec.title}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Bac à sable DS arrêté.")
    return 0


def run_submit(args) -> int:
    store = SandboxStore()
    try:
        files = [UploadedFile.from_path(path) for path in args.file]
        deposited = submit(
            store,
            args.demarche,
            siret=args.siret,
            email=args.email,
            files=files,
            fields=_fields(args.field),
            draft=args.draft,
        )
    except (DepositRefused, OSError) as exc:
        print(f"Dépôt refusé : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    state = "brouillon" if args.draft else "en construction"
    number = demarches.by_key(args.demarche).number
    print(f"Dossier n° {deposited.number} déposé ({state}) sur la démarche {number}.")
    return 0


def run_update(args) -> int:
    store = SandboxStore()
    try:
        files = [UploadedFile.from_path(path) for path in args.file]
        update(store, args.number, files=files, fields=_fields(args.field))
    except (DepositRefused, OSError) as exc:
        print(f"Modification refusée : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Dossier n° {args.number} modifié.")
    return 0
