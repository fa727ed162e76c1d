"""A year of filing, planned: for each of the eleven months before the last elapsed one, when
each partner deposits its file (most in the first days of the next month, a few partners
often late, a few months never filed) and which first files carry mistakes corrected a few
days later. Pure and deterministic (the same partners and month give the same plan).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from cmg_core.values import Month

HISTORY_MONTHS = 11
SEED = 4_930_017
LATE_PRONE = 3  # partners often late
LATE_SHARE_PRONE, LATE_SHARE = 0.5, 0.04
MISSED = 3  # partner × month never filed
FAULTY_SHARE = 0.08


@dataclass(frozen=True)
class PlannedFile:
    siret: str
    month: Month
    at: datetime  # deposited on DS
    corrected_at: datetime | None = None  # a faulty first file, corrected then


@dataclass(frozen=True)
class Pass:
    """A back-office pass over what was deposited so far."""

    at: datetime


def history_months(last_elapsed: Month, count: int = HISTORY_MONTHS) -> list[Month]:
    """The `count` months before `last_elapsed`, oldest first."""
    return [last_elapsed.shift(-n) for n in range(count, 0, -1)]


def passes(month: Month) -> list[Pass]:
    """Two passes after each month: the evening of the 10th (on-time files) and of the 26th
    of the next month (late files and corrections)."""
    following = month.shift(1)
    return [Pass(_at(following, day, 20, 0)) for day in (10, 26)]


def plan(sirets: list[str], last_elapsed: Month, count: int = HISTORY_MONTHS):
    """The files of the history months, in deposit order."""
    rng = random.Random(SEED)
    months = history_months(last_elapsed, count)
    late_prone = set(rng.sample(sirets, min(LATE_PRONE, len(sirets))))
    missed = {(rng.choice(sirets), months[rng.randrange(len(months))]) for _ in range(MISSED)}
    files = []
    for month in months:
        following = month.shift(1)
        for siret in sirets:
            if (siret, month) in missed:
                continue
            late = rng.random() < (LATE_SHARE_PRONE if siret in late_prone else LATE_SHARE)
            day = rng.randint(12, 24) if late else rng.randint(1, 9)
            at = _at(following, day, rng.randint(8, 17), rng.randint(0, 59))
            corrected = None
            if not late and rng.random() < FAULTY_SHARE:  # corrected after the first pass
                corrected = _at(following, rng.randint(12, 22), rng.randint(8, 17), 30)
            files.append(PlannedFile(siret, month, at, corrected))
    return sorted(files, key=lambda f: f.at)


def _at(month: Month, day: int, hour: int, minute: int) -> datetime:
    return datetime(month.year, month.month, day, hour, minute, tzinfo=UTC)
