"""`demo`: what `make run` starts — the local DS sandbox, a local SMTP capture server, the demo
data (the past year, once), the back office on a schedule and the portal, all on the embedded
SQLite database under var/.

Children are stopped when the portal stops (Ctrl+C).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from urllib.parse import urlparse

from cmg_core import settings
from cmg_core.settings import ROOT


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8501, help="port du portail (8501)")
    parser.add_argument(
        "--every", default="1m", help="fréquence du back office (1m ; ex. 30s, 15m)"
    )
    parser.add_argument(
        "--smtp-port", type=int, default=2525, help="port du serveur de courriels local (2525)"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    os.environ.setdefault("CMG_DEMO", "1")
    if not settings.get("CMG_SESSION_SECRET"):  # one process, one replica: any key will do
        os.environ["CMG_SESSION_SECRET"] = secrets.token_urlsafe(48)
    os.environ.setdefault("CMG_PORTAL_URL", f"http://127.0.0.1:{args.port}")
    _prepare_database()
    with ExitStack() as children:
        children.callback(print, "Arrêt de la démonstration.")
        _start_mail_capture(children, args.smtp_port)
        back_office = ["run", "--every", args.every]
        if _is_local_sandbox():
            children.enter_context(_child("ds-sandbox", "serve"))
            _wait_for_port(_sandbox_address())
            # the past year (once: a few minutes the first time), then the schedule
            back_office = ["seed-demo", "--once", "--then-run-every", args.every]
        _print_demo_accounts(args.port)
        children.enter_context(_child(*back_office))
        portal = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "asgi.py"),
            "--server.port", str(args.port), "--server.address", "127.0.0.1",
            "--server.headless", "true",
        ]  # fmt: skip
        print(f"Portail : http://127.0.0.1:{args.port}", flush=True)
        try:
            return subprocess.call(portal, cwd=ROOT)
        except KeyboardInterrupt:
            return 0


def _start_mail_capture(children: ExitStack, port: int) -> None:
    """A local SMTP server keeping the demo's e-mails in var/mail-capture (shown on the
    Courriels page), unless CMG_SMTP_URL names a real one."""
    if os.environ.get("CMG_SMTP_URL"):
        return
    try:
        from cmg_core.mail.capture import CaptureServer

        folder = os.environ.setdefault("CMG_MAIL_CAPTURE_DIR", str(ROOT / "var" / "mail-capture"))
        server = children.enter_context(CaptureServer(folder, port))
    except (ImportError, OSError) as error:
        print(f"Courriels : pas de serveur de capture local ({type(error).__name__}) ; "
              "les courriels restent dans la file d'envoi.", flush=True)  # fmt: skip
        return
    os.environ["CMG_SMTP_URL"] = server.url
    print(f"Courriels : capturés par le serveur local {server.url} (page « Courriels »).")


def _prepare_database() -> None:
    from cmg_core.db import migrate
    from cmg_core.db.session import session_scope
    from cmg_core.referential.seed import seed_referential

    migrate.upgrade()
    with session_scope() as session:
        seed_referential(session)


def _print_demo_accounts(port: int) -> None:
    from cmg_core.db.session import session_scope
    from cmg_core.staff.accounts import demo_accounts_text, ensure_demo_accounts

    with session_scope() as session:
        accounts = ensure_demo_accounts(session)
    if accounts:
        print(demo_accounts_text(accounts, f"http://127.0.0.1:{port}"), flush=True)


class _child:
    """A `python -m cmg_core …` subprocess, terminated on exit."""

    def __init__(self, *command: str) -> None:
        self.command = [sys.executable, "-m", "cmg_core", *command]

    def __enter__(self) -> subprocess.Popen:
        self.process = subprocess.Popen(self.command, cwd=ROOT)
        return self.process

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _is_local_sandbox() -> bool:
    return _sandbox_address()[0] in {"127.0.0.1", "localhost"}


def _sandbox_address() -> tuple[str, int]:
    url = urlparse(settings.get("CMG_DS_URL"))
    return url.hostname or "127.0.0.1", url.port or 80


def _wait_for_port(address: tuple[str, int], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(address, timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"Le bac à sable DS ne répond pas sur {address[0]}:{address[1]}.")
