"""`ds-sandbox`: run the local DS sandbox; deposit or update dossiers as a partner would;
publish a new revision of a démarche or delete a dossier as DS would.

The commands work on the sandbox's SQLite file (CMG_SANDBOX_DB), so `submit`, `update`,
`revise` and `delete` reach a sandbox served by another process.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from contextlib import closing
from urllib.parse import urlsplit

from cmg_core import settings
from cmg_core.ds import demarches
from cmg_core.ds.sandbox import DepositRefused, SandboxServer, SandboxStore, UploadedFile
from cmg_core.ds.sandbox.deletion import REASONS, DeletionRefused, delete
from cmg_core.ds.sandbox.deposit import submit, update
from cmg_core.ds.sandbox.revisions import RevisionRefused

Command = Callable[[argparse.Namespace], int]


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
    serve_parser.add_argument(
        "--shuffle-ids",
        action="store_true",
        help="identifiants de champs aléatoires, propres à cette base (comme sur le vrai DS)",
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

    revise_parser = commands.add_parser(
        "revise", help="publie une nouvelle révision d'une démarche (champ renommé ou remplacé)"
    )
    revise_parser.add_argument("--demarche", required=True, choices=keys, help="démarche visée")
    revise_parser.add_argument(
        "--rename", action="append", default=[], metavar="LIBELLÉ=NOUVEAU",
        help="renomme un champ ; il garde son identifiant (répétable)",
    )  # fmt: skip
    revise_parser.add_argument(
        "--replace", action="append", default=[], metavar="LIBELLÉ[=NOUVEAU]",
        help="remplace un champ par un nouveau champ (nouvel identifiant), libellé changé ou non",
    )  # fmt: skip
    revise_parser.set_defaults(func=run_revise)

    delete_parser = commands.add_parser("delete", help="supprime un dossier, comme DS le ferait")
    delete_parser.add_argument("number", type=int, help="numéro du dossier")
    delete_parser.add_argument(
        "--reason", required=True, choices=REASONS,
        help="raison DS (user_request : l'usager a retiré son dossier)",
    )  # fmt: skip
    delete_parser.set_defaults(func=run_delete)


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


def _pairs(option: str, values: list[str], *, value_required: bool) -> dict[str, str | None]:
    pairs: dict[str, str | None] = {}
    for pair in values:
        label, sep, value = pair.partition("=")
        if (value_required and not value.strip()) or not label.strip():
            raise RevisionRefused(f"{option} attend LIBELLÉ=NOUVEAU, pas « {pair} »")
        pairs[label.strip()] = value.strip() if sep and value.strip() else None
    return pairs


def serve(args) -> int:
    try:
        store = SandboxStore(shuffle_ids=args.shuffle_ids)
    except RevisionRefused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    server = SandboxServer(store, host=args.host, port=args.port, file_url_ttl=args.file_ttl)
    print(
        f"Bac à sable DS à l'écoute sur {server.url}/api/v2/graphql (Ctrl-C pour arrêter)",
        flush=True,
    )
    print(f"État conservé dans {server.store.path}")
    for served in store.demarches():
        print(f"  démarche {served.number} : {served.title}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Bac à sable DS arrêté.")
    return 0


def _refusals(prefix: str) -> Callable[[Command], Command]:
    """The command prints `prefix : <why>` and exits 1 when the sandbox refuses it."""

    def wrap(command: Command) -> Command:
        @functools.wraps(command)
        def run(args) -> int:
            try:
                return command(args)
            except (DepositRefused, DeletionRefused, RevisionRefused, OSError) as exc:
                print(f"{prefix} : {exc}", file=sys.stderr)
                return 1

        return run

    return wrap


@_refusals("Dépôt refusé")
def run_submit(args) -> int:
    files = [UploadedFile.from_path(path) for path in args.file]
    with closing(SandboxStore()) as store:
        deposited = submit(
            store,
            args.demarche,
            siret=args.siret,
            email=args.email,
            files=files,
            fields=_fields(args.field),
            draft=args.draft,
        )
    state = "brouillon" if args.draft else "en construction"
    print(f"Dossier n° {deposited.number} déposé ({state}) sur la démarche {deposited.demarche}.")
    return 0


@_refusals("Modification refusée")
def run_update(args) -> int:
    files = [UploadedFile.from_path(path) for path in args.file]
    with closing(SandboxStore()) as store:
        update(store, args.number, files=files, fields=_fields(args.field))
    print(f"Dossier n° {args.number} modifié.")
    return 0


@_refusals("Révision refusée")
def run_revise(args) -> int:
    renames = _pairs("--rename", args.rename, value_required=True)
    replaces = _pairs("--replace", args.replace, value_required=False)
    if not renames and not replaces:
        raise RevisionRefused("Indiquez au moins un --rename ou un --replace.")
    with closing(SandboxStore()) as store:
        published = store.revise(args.demarche, renames=renames, replaces=replaces)
    print(f"Révision {published.revision_global_id} publiée sur la démarche {published.number} :")
    for champ in published.champs:
        print(f"  {champ.descriptor_id}  {champ.label}")
    return 0


@_refusals("Suppression refusée")
def run_delete(args) -> int:
    with closing(SandboxStore()) as store:
        delete(store, args.number, args.reason)
    print(f"Dossier n° {args.number} supprimé ({args.reason}).")
    return 0
