"""`users`: Caf staff accounts — add one (password prompted, or read from stdin when piped),
list them, lift the sign-in delays on one."""

from __future__ import annotations

import argparse
import getpass
import sys

from cmg_core.db.enums import Role, label
from cmg_core.db.session import session_scope
from cmg_core.staff import accounts
from cmg_core.staff.auth import AccountExistsError, find_user
from cmg_core.staff.passwords import WeakPasswordError, check_policy


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = commands.add_parser(
        "add",
        help="crée un compte (mot de passe demandé, ou lu sur l'entrée standard)",
        description="Crée un compte local. Le mot de passe est demandé deux fois au terminal, "
        "ou lu sur la première ligne de l'entrée standard quand elle n'est pas un terminal.",
    )
    add.add_argument("email", help="adresse électronique du compte")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="rôle")
    add.add_argument(
        "--oidc-only", action="store_true", help="sans mot de passe : connexion OpenID Connect"
    )
    add.set_defaults(func=run_add)

    listing = commands.add_parser("list", help="liste les comptes")
    listing.set_defaults(func=run_list)

    unlock = commands.add_parser(
        "unlock", help="lève les délais de connexion d'un compte (après des essais infructueux)"
    )
    unlock.add_argument("email")
    unlock.set_defaults(func=run_unlock)


def read_password() -> str:
    """Prompted twice on a terminal; else the first line of stdin (for scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Confirmez le mot de passe : ") != first:
        raise WeakPasswordError("Les deux saisies diffèrent.")
    return first


def run_add(args) -> int:
    try:
        password = None if args.oidc_only else read_password()
        if password is not None:
            check_policy(password, [args.email])
        with session_scope() as session:
            user = accounts.add_user(session, args.email, args.role, password)
            email, role = user.email, Role(user.role)
    except (WeakPasswordError, AccountExistsError, ValueError) as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    print(f"Compte créé : {email} ({label(role)}).")
    return 0


def run_list(args) -> int:
    with session_scope() as session:
        for user in accounts.all_users(session):
            state = "actif" if user.active else "désactivé"
            if user.must_change_password:
                state += ", mot de passe provisoire"
            print(f"{user.email}\t{Role(user.role).value}\t{state}")
    return 0


def run_unlock(args) -> int:
    with session_scope() as session:
        user = find_user(session, args.email)
        if user is None:
            print("Erreur : aucun compte pour cette adresse.", file=sys.stderr)
            return 2
        accounts.unlock_user(session, user.id, accounts.SYSTEM)
    print("Délais de connexion levés.")
    return 0
