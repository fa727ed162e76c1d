"""The runner: run one stage or all of them in order, record each run, and start workers.

    options = RunOptions.from_settings(progress=print_progress)
    results = run_all(options)                   # sync → … → notify, once
    result = run_stage("intake", options)         # one stage
    run_workers(2, options)                       # N processes over the same backlog (PostgreSQL)

Each stage execution is a row of `runs` (stage, worker, start, end, counts, failures, status).
A stage that raises (a bug, the database gone, a test's `stop_after`) is recorded `failed` and
the exception propagates; an item failing on DS is counted in `failures` and the stage goes on.
While a stage runs, its worker's `Heartbeat` extends the run row and the worker's claims; a run
left `running` by a worker that stopped (SIGKILL, lost host) is closed as failed by the next
stage to start, once its heartbeat is overdue.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from types import ModuleType

from cmg_core import settings
from cmg_core.backoffice import (
    STAGE_NAMES,
    attestations,
    bilan,
    feed,
    habilitations,
    intake,
    mail,
    notify,
    processing,
    reminders,
    sync,
)
from cmg_core.backoffice.claim import TTL, Heartbeat, close_stale_runs, drop_leftovers
from cmg_core.backoffice.context import (
    DSConfig,
    Progress,
    StageContext,
    StageStopped,
    worker_name,
)
from cmg_core.db.enums import RunStatus
from cmg_core.db.models import Run
from cmg_core.db.session import database_url, dispose_all, is_sqlite, session_scope
from cmg_core.storage import FolderStorage

log = logging.getLogger(__name__)
STAGES: dict[str, ModuleType] = {
    "sync": sync,
    "habilitations": habilitations,
    "intake": intake,
    "attestations": attestations,
    "feed": feed,
    "processing": processing,
    "bilan": bilan,
    "notify": notify,
    "reminders": reminders,
    "mail": mail,
}
assert tuple(STAGES) == STAGE_NAMES


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs; picklable (worker processes get a copy)."""

    url: str
    ds: DSConfig
    storage_dir: str
    today: date | None = None  # None: the day the stage starts
    now: datetime | None = None  # None: the moment the stage starts
    progress: Callable[[Progress], None] | None = None
    stop_after: dict[str, int] = field(default_factory=dict)  # stage → checkpoint (tests)
    claim_ttl: timedelta = TTL  # how long a claim outlives its worker's last heartbeat

    @classmethod
    def from_settings(cls, **changes) -> RunOptions:
        options = cls(
            url=database_url(),
            ds=DSConfig.from_settings(),
            storage_dir=settings.get("CMG_STORAGE_DIR"),
        )
        return replace(options, **changes)


@dataclass(frozen=True)
class RunResult:
    stage: str
    run_id: int
    status: RunStatus
    counts: dict[str, int]
    failures: int
    seconds: float


def run_stage(name: str, options: RunOptions) -> RunResult:
    """Run one stage to the end of its backlog, recorded as one row of `runs`."""
    now = options.now or datetime.now(UTC)
    ctx = StageContext(
        stage=name,
        url=options.url,
        ds_config=options.ds,
        storage=FolderStorage(options.storage_dir),
        today=options.today or now.date(),
        now=now,
        progress=options.progress,
        stop_after=options.stop_after.get(name),
        claim_ttl=options.claim_ttl,
    )
    if closed := close_stale_runs(ctx.url):
        log.warning("%d run(s) closed as failed: their worker stopped", closed)
    drop_leftovers(ctx.url, ctx.worker)
    with session_scope(ctx.url) as session:
        started_at = datetime.now(UTC)
        run = Run(stage=name, worker=ctx.worker, started_at=started_at,
                  claimed_until=started_at + ctx.claim_ttl)  # fmt: skip
        session.add(run)
        session.flush()
        ctx.run_id = run.id
    started = time.perf_counter()
    status, error = RunStatus.FAILED, None
    try:
        with Heartbeat(ctx.url, ctx.worker, ctx.claim_ttl):
            STAGES[name].run(ctx)
        status = RunStatus.SUCCEEDED
    except StageStopped as exc:
        error = str(exc)[:2000]
        raise
    except BaseException as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        raise
    finally:
        ctx.close()
        seconds = time.perf_counter() - started
        _record(ctx, status, error, seconds)
    log.info("stage %s: %s in %.1f s", name, dict(ctx.counts), seconds)
    return RunResult(name, ctx.run_id, status, dict(ctx.counts), ctx.counts["failures"], seconds)


def _record(ctx: StageContext, status: RunStatus, error: str | None, seconds: float) -> None:
    with session_scope(ctx.url) as session:
        run = session.get(Run, ctx.run_id)
        run.status = status
        run.finished_at = datetime.now(UTC)
        run.counts = {**ctx.counts, "seconds": round(seconds, 3)}
        run.failures = ctx.counts["failures"]
        run.error = error if error else ("; ".join(ctx.failures[:20]) or None)


def run_all(options: RunOptions, stages: tuple[str, ...] = STAGE_NAMES) -> list[RunResult]:
    """Run `stages` in order, once each."""
    return [run_stage(name, options) for name in stages]


def _worker(options: RunOptions, stages: tuple[str, ...]) -> None:
    dispose_all()  # never share a parent's connections
    logging.basicConfig(level=settings.get("CMG_LOG_LEVEL"))
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its lines carry signed file URLs
    run_all(options, stages)


def run_workers(
    count: int, options: RunOptions, stages: tuple[str, ...] = STAGE_NAMES
) -> list[int]:
    """Run `stages` in `count` processes over the same backlog; their exit codes.

    Sync runs first, here (it is one sequential walk per démarche, under a lease); then the
    workers run the other stages in order, sharing each stage's items by row locks (PostgreSQL
    `SKIP LOCKED`). The worker that finishes the last item of a stage runs the next stage
    after it, so nothing is left. SQLite allows one worker only.
    """
    if count > 1 and is_sqlite(options.url):
        raise ValueError("plusieurs workers demandent PostgreSQL ; avec SQLite, un seul worker")
    if count == 1:
        run_all(options, stages)
        return [0]
    if "sync" in stages:
        run_stage("sync", options)
        stages = tuple(s for s in stages if s != "sync")
    context = multiprocessing.get_context("spawn")
    options = replace(options, progress=None)  # a callback may not cross processes
    processes = [
        context.Process(target=_worker, args=(options, stages), name=f"cmg-worker-{i + 1}")
        for i in range(count)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return [process.exitcode for process in processes]


__all__ = [
    "STAGES",
    "RunOptions",
    "RunResult",
    "run_all",
    "run_stage",
    "run_workers",
    "worker_name",
]
