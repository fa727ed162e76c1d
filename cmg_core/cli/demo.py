"""`demo`: what `make run` starts — the local DS sandbox, the demo data, the back office on a
schedule and the portal, all on the embedded SQLite database."""

from __future__ import annotations

import subprocess
import sys

from cmg_core.settings import ROOT


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="démarre le portail de démonstration (make run)")
    parser.add_argument("--port", type=int, default=8501, help="port du portail (8501)")
    parser.set_defaults(func=run)


def run(args) -> int:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
    ]
    return subprocess.call(command, cwd=ROOT)
