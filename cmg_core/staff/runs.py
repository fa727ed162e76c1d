"""The Automate page's data: back-office stages, last runs, DS sync state per démarche, and
starting a run through the back-office runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core import settings
from cmg_core.backoffice.runner import RunOptions, RunResult, run_all
from cmg_core.db.models import DsCursor, DsDossier, Run

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
