"""Command-line entry point. Each module of this package adds its sub-commands.

A command module (a name without a leading underscore) defines `register(subparsers)`; it
adds one or more parsers and sets `func=callable(args) -> int` on each. Modules are
discovered, so adding a command never touches this file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil

from cmg_core import settings
from cmg_core.cli import _french


def build_parser() -> argparse.ArgumentParser:
    _french.install()
    parser = argparse.ArgumentParser(
        prog="python -m cmg_core",
        description="Attestations mensuelles CMG : pré-contrôle, DS, back office.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):  # helpers, not commands
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=settings.get("CMG_LOG_LEVEL"), format="%(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every URL at INFO, and DS file URLs are signed: they stay out of the logs.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)
