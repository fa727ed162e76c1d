"""What the row and file rules share, computed once: month facts, line groups, month counts."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from cmg_core.precheck.lines import Cells
from cmg_core.precheck.report import DeclarationLine
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

HOURS_PER_WORKING_DAY = 12


@dataclass(frozen=True)
class MonthFacts:
    """What the rules need to know about a month, computed once per month (not per line)."""

    index: int  # months since year 0, to compare and subtract months as integers
    first_day: date
    last_day: date
    hours_in_month: int  # days × 24
    high_hours: int  # 12 h × Monday–Saturday days


@functools.lru_cache(maxsize=512)
def month_facts(month: Month) -> MonthFacts:
    return MonthFacts(
        month.year * 12 + month.month - 1,
        month.first_day,
        month.last_day,
        month.days * 24,
        HOURS_PER_WORKING_DAY * month.working_days,
    )


@dataclass(frozen=True)
class Context:
    """What the row and file rules share: the typed cells and lines, and the validation month."""

    cells: Cells
    lines: list[DeclarationLine]
    today_month: Month

    @property
    def is_mc(self) -> bool:
        return self.cells.layout.template.code is TemplateCode.MC

    @functools.cached_property
    def allocataire_groups(self) -> list[list[int]]:
        """Positions of the lines of each allocataire declared on more than one line."""
        allocataires = self.cells.typed["allocataire"]
        counts = Counter(allocataires)
        shared = {a for a, n in counts.items() if n > 1 and a is not None}
        groups: dict[str, list[int]] = defaultdict(list)
        if shared:
            for i, allocataire in enumerate(allocataires):
                if allocataire in shared:
                    groups[allocataire].append(i)
        return list(groups.values())

    @functools.cached_property
    def month_counts(self) -> Counter[Month]:
        return month_counts(self.lines)

    @functools.cached_property
    def today_index(self) -> int:
        return month_facts(self.today_month).index


def month_counts(lines: list[DeclarationLine]) -> Counter[Month]:
    """How many lines declare each readable month.

    Lines of one month usually share one `Month` object (the cell parser caches it), so they are
    counted by identity first: hashing 50,000 dataclasses would cost more than the rest.
    """
    months = [line.month for line in lines if line.month is not None]
    objects = dict(zip(map(id, months), months, strict=True))
    counts: Counter[Month] = Counter()
    for identity, count in Counter(map(id, months)).items():
        counts[objects[identity]] += count
    return counts
