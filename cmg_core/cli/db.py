"""`db`: create or migrate the database at `DATABASE_URL` (SPEC §6)."""

from __future__ import annotations

import argparse

from sqlalchemy.engine import make_url

from cmg_core.db import migrate
from cmg_core.db.session import database_url


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = commands.add_parser("upgrade", help="crée ou migre la base à DATABASE_URL")
    upgrade.set_defaults(func=run_upgrade)
    current = commands.add_parser("current", help="affiche la révision de la base")
    current.set_defaults(func=run_current)


def run_upgrade(args) -> int:
    revision = migrate.upgrade()
    print(f"Base à jour ({_where()}) : révision {revision}.")
    return 0


def run_current(args) -> int:
    revision = migrate.current()
    head = migrate.head()
    state = "à jour" if revision == head else f"à migrer vers {head}"
    print(f"Base {_where()} : révision {revision or 'aucune'} ({state}).")
    return 0


def _where() -> str:
    """The database named without its password."""
    return make_url(database_url()).render_as_string(hide_password=True)
