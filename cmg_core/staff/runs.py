"""The Automate page's data: back-office stages, last runs, DS sync state per démarche, the
last `ds check` report, and starting a run or a check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.backoffice import readiness
from cmg_core.backoffice.runner import RunOptions, RunResult, run_all
from cmg_core.db.models import DsCheck, DsCursor, DsDossier, Run

CHECK_TIMEOUT = 8.0  # seconds per DS request when the page runs `ds check`

STAGES: dict[str, str] = {
    "sync": "Synchronisation avec démarches-simplifiées",
    "habilitations": "Habilitations",
    "intake": "Réception des dépôts",
    "attestations": "Attestations",
    "feed": "Flux vers le traitement (NIMS)",
    "processing": "Traitement",
    "bilan": "Bilans de traitement",
    "notify": "Messages Mon Compte",
    "reminders": "Relances des mois non déposés",
    "mail": "Envoi des courriels",
}
DEMARCHES: dict[str, str] = {
    "CMG_DEMARCHE_HABILITATIONS": "Habilitations",
    "CMG_DEMARCHE_MC": "Dépôts micro-crèche",
    "CMG_DEMARCHE_GAD": "Dépôts garde à domicile",
}


def stage_label(stage: str) -> str:
    return STAGES.get(stage, stage)


def last_runs(session: Session, stage: str | None = None, limit: int = 50) -> list[Run]:
    query = sa.select(Run).order_by(Run.started_at.desc(), Run.id.desc())
    if stage:
        query = query.where(Run.stage == stage)
    return list(session.scalars(query.limit(limit)))


def latest_by_stage(session: Session) -> dict[str, Run]:
    """The newest run of each stage."""
    newest = sa.select(Run.stage, sa.func.max(Run.id).label("id")).group_by(Run.stage).subquery()
    runs = session.scalars(sa.select(Run).join(newest, newest.c.id == Run.id))
    return {run.stage: run for run in runs}


@dataclass(frozen=True)
class SyncState:
    name: str
    number: int
    last_run_at: datetime | None
    last_success_at: datetime | None
    updated_since: datetime | None
    dossiers: int
    pending: int
    failed: int


def sync_states(session: Session) -> list[SyncState]:
    """For each configured démarche: its saved cursor and how many dossiers wait or failed."""
    states = []
    for setting, name in DEMARCHES.items():
        number = settings.get_int(setting)
        cursor = session.get(DsCursor, number)
        by_status = dict(
            session.execute(
                sa.select(DsDossier.status, sa.func.count())
                .where(DsDossier.demarche_number == number)
                .group_by(DsDossier.status)
            ).all()
        )
        states.append(
            SyncState(
                name=name,
                number=number,
                last_run_at=cursor.last_run_at if cursor else None,
                last_success_at=cursor.last_success_at if cursor else None,
                updated_since=cursor.updated_since if cursor else None,
                dossiers=sum(by_status.values()),
                pending=by_status.get("pending", 0),
                failed=by_status.get("failed", 0),
            )
        )
    return states


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def start(stages: list[str], progress: Progress) -> list[RunResult]:
    """Run the given stages now, in order, in this process, reporting progress."""
    options = RunOptions.from_settings(progress=lambda p: progress(p.stage, p.done, p.total))
    return run_all(options, tuple(stages))


@dataclass(frozen=True)
class DsCheckSummary:
    """A stored `ds check` report as the page shows it."""

    checked_at: datetime
    ds_url: str
    exit_code: int
    headline: str
    problems: list[str]
    warnings: list[str]
    details: list[str]

    @property
    def level(self) -> str:
        """`success`, `warning` or `error`: how the page colours the headline."""
        if self.exit_code != readiness.READY:
            return "error"
        return "warning" if self.warnings else "success"


def _summary(check: DsCheck) -> DsCheckSummary:
    by_level: dict[str, list[str]] = {level.value: [] for level in readiness.Level}
    for level, text in check.lines:
        by_level[level].append(text)
    return DsCheckSummary(
        checked_at=check.checked_at,
        ds_url=check.ds_url,
        exit_code=check.exit_code,
        headline=readiness.verdict(check.exit_code, len(by_level["problem"])),
        problems=by_level["problem"],
        warnings=by_level["warning"],
        details=by_level["ok"],
    )


def last_ds_check(session: Session) -> DsCheckSummary | None:
    """The last `ds check` report (from the command line or this page), or None."""
    check = readiness.last(session)
    return None if check is None else _summary(check)


def check_ds() -> int:
    """Run `ds check` now with a short timeout and keep its report; its exit code."""
    report = readiness.check(timeout=CHECK_TIMEOUT, attempts=1)
    readiness.store(report)
    return report.exit_code
