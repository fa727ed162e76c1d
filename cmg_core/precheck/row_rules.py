"""Row rules: each checks one thing across the typed fields of one declaration line.

A rule gets the line, its position and the context, and returns a finding or None. A rule
stays silent when a field it needs is None (already reported by the cell level).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from cmg_core.precheck.lines import Cells
from cmg_core.precheck.report import DeclarationLine, Finding
from cmg_core.precheck.wording import euros, first_day_text, hours_text
from cmg_core.templates import TemplateCode
from cmg_core.values import Month, format_date

HOURS_PER_WORKING_DAY = 12
MINIMUM_HOURS = 16
HOURLY_CAP = Decimal(10)
OLDEST_MONTHS_BACK = 12


@dataclass(frozen=True)
class Context:
    cells: Cells
    today_month: Month

    @property
    def is_mc(self) -> bool:
        return self.cells.layout.template.code is TemplateCode.MC


Rule = Callable[[DeclarationLine, int, Context], Finding | None]


def month_is_elapsed(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    month = line.month
    if month is None:
        return None
    if month >= ctx.today_month:
        last = ctx.today_month.shift(-1)
        return ctx.cells.finding(
            "month.not_elapsed",
            "month",
            i,
            month=str(month),
            next_first=first_day_text(month.shift(1)),
            last_elapsed=str(last),
        )
    if month.months_until(ctx.today_month) > OLDEST_MONTHS_BACK:
        return ctx.cells.finding("month.too_old", "month", i, month=str(month))
    return None


def child_is_under_six(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    if line.birth_date is None or line.month is None:
        return None
    month, birth = line.month, line.birth_date
    params = {"birth": format_date(birth), "month": str(month)}
    if birth > month.last_day:
        return ctx.cells.finding("birth.future", "birth_date", i, **params)
    sixth = Month.of(birth).shift(72)
    if month > sixth:
        return ctx.cells.finding("birth.over_six", "birth_date", i, **params)
    if month == sixth:
        return ctx.cells.finding("birth.sixth_birthday_month", "birth_date", i, **params)
    return None


def hours_are_plausible(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    hours, month = line.total_hours, line.month
    if hours is None:
        return None
    if 1 <= hours < MINIMUM_HOURS:
        return ctx.cells.finding("hours.below_minimum", "total_hours", i, hours=hours_text(hours))
    if month is None:
        return None
    params = {"hours": hours_text(hours), "month": str(month)}
    if hours > month.days * 24:
        return ctx.cells.finding(
            "hours.impossible", "total_hours", i, limit=month.days * 24, **params
        )
    high = HOURS_PER_WORKING_DAY * month.working_days
    if hours > high:
        return ctx.cells.finding("hours.high", "total_hours", i, limit=high, **params)
    return None


def special_hours_within_total(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    if line.special_hours is None or line.total_hours is None:
        return None
    if line.special_hours <= line.total_hours:
        return None
    return ctx.cells.finding(
        "special_hours.exceed_total",
        "special_hours",
        i,
        special=hours_text(line.special_hours),
        total=hours_text(line.total_hours),
    )


def amount_matches_hours(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    if line.amount is None or line.total_hours is None:
        return None
    if line.amount > 0 and line.total_hours == 0:
        return ctx.cells.finding("amount.inconsistent", "amount", i, amount=euros(line.amount))
    if line.amount == 0 and line.total_hours > 0:
        return ctx.cells.finding(
            "amount.inconsistent",
            "amount",
            i,
            "hours_without_amount",
            hours=hours_text(line.total_hours),
        )
    return None


def hourly_price_within_cap(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    if not ctx.is_mc or line.amount is None or not line.total_hours:
        return None
    if line.amount <= HOURLY_CAP * line.total_hours:
        return None
    return ctx.cells.finding(
        "amount.hourly_cap",
        "amount",
        i,
        amount=euros(line.amount),
        hours=hours_text(line.total_hours),
        rate=euros(line.amount / line.total_hours),
    )


def end_date_in_month(line: DeclarationLine, i: int, ctx: Context) -> Finding | None:
    end, month = line.end_date, line.month
    if end is None or month is None:
        return None
    params = {"end": format_date(end), "month": str(month)}
    if end < month.first_day:
        return ctx.cells.finding("end_date.before_month", "end_date", i, **params)
    if end > month.last_day:
        return ctx.cells.finding("end_date.after_month", "end_date", i, **params)
    return None


ROW_RULES: tuple[Rule, ...] = (
    month_is_elapsed,
    child_is_under_six,
    hours_are_plausible,
    special_hours_within_total,
    amount_matches_hours,
    hourly_price_within_cap,
    end_date_in_month,
)


def check_rows(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    findings = []
    for i, line in enumerate(lines):
        for rule in ROW_RULES:
            finding = rule(line, i, ctx)
            if finding is not None:
                findings.append(finding)
    return findings
