"""`run`: the back office (SPEC §4), once or on a schedule, with one or several workers."""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date

from cmg_core.backoffice import STAGE_NAMES
from cmg_core.backoffice.context import Progress, StageStopped
from cmg_core.backoffice.runner import RunOptions, RunResult, run_stage, run_workers
from cmg_core.backoffice.texts import counters_text
from cmg_core.db.enums import RunStatus
from cmg_core.db.session import is_sqlite
from cmg_core.ds.guards import DSConfigurationError

_DURATION = re.compile(r"^(\d+)\s*([smh]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Lance les étapes du back office, une fois ou à intervalle régulier."
    parser.add_argument("--stage", choices=STAGE_NAMES, help="une seule étape (toutes par défaut)")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="une seule passe (par défaut)")
    when.add_argument("--every", type=duration, metavar="DURÉE", help="ex. 15m, 30s, 1h")
    parser.add_argument("--workers", type=int, default=1, help="processus en parallèle (1)")
    parser.add_argument("--today", type=date.fromisoformat, help="date de traitement AAAA-MM-JJ")
    parser.set_defaults(func=main)


def duration(text: str) -> int:
    """`15m` → 900 seconds."""
    match = _DURATION.match(text.strip().lower())
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"durée invalide : « {text} » (ex. 15m, 30s, 1h)")
    return int(match.group(1)) * _UNITS[match.group(2)]


class _ProgressLine:
    """A plain progress line per stage, at most once a second (and at the end)."""

    def __init__(self) -> None:
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        finished = progress.total is not None and progress.done >= progress.total
        if now - self._last < 1.0 and not finished:
            return
        self._last = now
        total = f" / {progress.total:,}".replace(",", " ") if progress.total else ""
        print(f"  {progress.stage} : {progress.done:,}".replace(",", " ") + total, flush=True)


def _summary(result: RunResult) -> str:
    counts = counters_text(result.counts)
    state = "réussie" if result.status is RunStatus.SUCCEEDED else "en échec"
    failures = f", {result.failures} échec(s)" if result.failures else ""
    return (
        f"{result.stage} : {state} en {result.seconds:.1f} s ({counts or 'rien à faire'}{failures})"
    )


def main(args) -> int:
    try:
        options = RunOptions.from_settings(today=args.today, progress=_ProgressLine())
    except DSConfigurationError as refused:  # before any DS call
        print(str(refused), file=sys.stderr)
        return 2
    stages = (args.stage,) if args.stage else STAGE_NAMES
    if args.workers < 1 or (args.workers > 1 and is_sqlite(options.url)):
        print("Plusieurs workers demandent PostgreSQL ; avec SQLite, lancez un seul worker.",
              file=sys.stderr)  # fmt: skip
        return 2
    while True:
        if args.workers == 1:
            try:
                for stage in stages:  # each summary as soon as its stage ends
                    print(_summary(run_stage(stage, options)), flush=True)
            except StageStopped as stopped:
                print(str(stopped), file=sys.stderr, flush=True)
                if not args.every:
                    return 1
        else:
            codes = run_workers(args.workers, options, stages)
            print(f"{args.workers} workers terminés (codes de sortie : {codes})", flush=True)
            if any(codes):
                return 1
        if not args.every:
            return 0
        print(f"Prochaine passe dans {args.every} s.", flush=True)
        time.sleep(args.every)
