"""The demo's past year, replayed: the planned files (`year.plan`) deposited on the DS sandbox
at their dates and taken through the back office by passes at their dates, so deposits,
attestations, bilans, queue items and Mon Compte messages carry the dates they would have.

The sandbox's clock and the runs' `now` move together: the replay uses its own sandbox server
(same SQLite file, a free port, a movable clock) and runs the stages in this process. The
stages that write e-mails (`reminders`, `mail`) are left out: nobody is reminded of the past.
It must run before anything else is deposited on the sandbox (its times only move forward).
Its progress is kept in the sandbox (`demo_history_progress`): stopped midway, it resumes.
"""

from __future__ import annotations

import json
import time
from dataclasses import astuple, dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from cmg_core import settings
from cmg_core.backoffice import STAGE_NAMES
from cmg_core.backoffice.context import DSConfig
from cmg_core.backoffice.runner import RunOptions, run_all
from cmg_core.db.models import Partner
from cmg_core.db.session import session_scope
from cmg_core.demo import year
from cmg_core.demo.casework import close_old_cases
from cmg_core.demo.files import depositor, monthly_file
from cmg_core.ds.sandbox import Sandbox
from cmg_core.values import Month

PROGRESS = "demo_history_progress"
ATTEMPTS = 3
STAGES = tuple(stage for stage in STAGE_NAMES if stage not in ("reminders", "mail"))
MONTH_FIELD = "Mois concerné (MM/AAAA)"


class _Clock:
    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class Replayed:
    files: int
    corrections: int
    passes: int


def replay(
    last_elapsed: Month,
    *,
    url: str | None = None,
    sandbox_db: str | None = None,
    storage_dir: str | None = None,
    months: int = year.HISTORY_MONTHS,
    progress=None,
) -> Replayed:
    """Deposit and process the history months before `last_elapsed`."""
    with session_scope(url) as session:
        partners = {p.siret: p for p in session.scalars(sa.select(Partner).order_by(Partner.id))}
        session.expunge_all()
    files = year.plan(list(partners), last_elapsed, months)
    events = [(f.at, "file", f) for f in files]
    events += [(f.corrected_at, "correction", f) for f in files if f.corrected_at]
    events += [(p.at, "pass", p) for m in year.history_months(last_elapsed, months)
               for p in year.passes(m)]  # fmt: skip
    events.sort(key=lambda event: event[0])
    clock = _Clock()
    with Sandbox(sandbox_db or settings.get("CMG_SANDBOX_DB"), clock=clock) as sandbox:
        saved = json.loads(sandbox.store.meta(PROGRESS) or "{}")  # a replay cut short resumes
        numbers: dict[str, int] = saved.get("numbers", {})
        done = Replayed(*saved.get("counts", (0, 0, 0)))
        ds = DSConfig(sandbox.url, settings.SANDBOX_TOKEN, settings.SANDBOX_INSTRUCTEUR_ID)
        for index, (at, kind, item) in enumerate(events):
            if index < saved.get("next", 0):
                continue
            clock.at = at
            if kind == "pass":
                options = RunOptions(url=url or settings.get("DATABASE_URL"), ds=ds,
                                     storage_dir=storage_dir or settings.get("CMG_STORAGE_DIR"),
                                     today=at.date(), now=at)  # fmt: skip
                _pass(options, url, at)
                done = Replayed(done.files, done.corrections, done.passes + 1)
                if progress is not None:
                    progress(done)
            else:
                partner = partners[item.siret]
                with session_scope(url) as session:
                    faulty = kind == "file" and item.corrected_at is not None
                    upload = monthly_file(session, partner, item.month, faulty=faulty)
                    sender = depositor(session, partner)
                name = f"{item.siret}|{item.month.iso}"
                if kind == "file":
                    numbers[name] = sandbox.submit(
                        partner.kind.value, siret=partner.siret, email=sender, files=[upload],
                        fields={MONTH_FIELD: str(item.month)},
                    ).number  # fmt: skip
                    done = Replayed(done.files + 1, done.corrections, done.passes)
                else:
                    sandbox.update(numbers[name], files=[upload])
                    done = Replayed(done.files, done.corrections + 1, done.passes)
            progress_row = {"next": index + 1, "numbers": numbers, "counts": list(astuple(done))}
            sandbox.store.set_meta(PROGRESS, json.dumps(progress_row))
    return done


def _pass(options: RunOptions, url: str | None, at: datetime) -> None:
    """One back-office pass at `at` (tried again if the database was busy: stages resume)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            run_all(options, STAGES)
            break
        except OperationalError:
            if attempt == ATTEMPTS:
                raise
            time.sleep(5)
    if at.day > 20:  # the month's second pass: the GCAs have worked older cases
        with session_scope(url) as session:
            close_old_cases(session, Month.of(at.date()).shift(-2), at)
