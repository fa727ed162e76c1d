"""Row rules: each checks one thing across the typed fields of one declaration line.

A rule gets the line, its position and the context, and returns a finding or None. A rule
stays silent when a field it needs is None (already reported by the cell level).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from cmg_core.findings import Finding
from cmg_core.precheck.context import Context, MonthFacts, month_facts
from cmg_core.precheck.report import DeclarationLine
from cmg_core.precheck.wording import euros, first_day_text, hours_text
from cmg_core.values import format_date

MINIMUM_HOURS = 16
HOURLY_CAP = Decimal(10)
OLDEST_MONTHS_BACK = 12
SIXTH_BIRTHDAY_MONTHS = 72  # the month of the 6th birthday is the last month of entitlement


# A rule gets the line, the facts of its month (None when the month is unreadable), the line's
# position and the context.
Rule = Callable[[DeclarationLine, MonthFacts | None, int, Context], Finding | None]


def month_is_elapsed(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
    month = line.month
    if month is None or facts is None:
        return None
    back = ctx.today_index - facts.index
    if back <= 0:
        last = ctx.today_month.shift(-1)
        return ctx.cells.finding(
            "month.not_elapsed",
            "month",
            i,
            month=str(month),
            next_first=first_day_text(month.shift(1)),
            last_elapsed=str(last),
        )
    if back > OLDEST_MONTHS_BACK:
        return ctx.cells.finding("month.too_old", "month", i, month=str(month))
    return None


def child_is_under_six(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
    if line.birth_date is None or facts is None:
        return None
    month, birth = line.month, line.birth_date
    if birth > facts.last_day:
        code = "birth.future"
    else:
        age_in_months = facts.index - (birth.year * 12 + birth.month - 1)
        if age_in_months < SIXTH_BIRTHDAY_MONTHS:
            return None
        if age_in_months > SIXTH_BIRTHDAY_MONTHS:
            code = "birth.over_six"
        else:
            code = "birth.sixth_birthday_month"
    return ctx.cells.finding(code, "birth_date", i, birth=format_date(birth), month=str(month))


def hours_are_plausible(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
    hours, month = line.total_hours, line.month
    if hours is None:
        return None
    if 1 <= hours < MINIMUM_HOURS:
        return ctx.cells.finding("hours.below_minimum", "total_hours", i, hours=hours_text(hours))
    if facts is None:
        return None
    if hours > facts.hours_in_month:
        code, limit = "hours.impossible", facts.hours_in_month
    elif hours > facts.high_hours:
        code, limit = "hours.high", facts.high_hours
    else:
        return None
    return ctx.cells.finding(
        code, "total_hours", i, limit=limit, hours=hours_text(hours), month=str(month)
    )


def special_hours_within_total(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
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


def amount_matches_hours(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
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


def hourly_price_within_cap(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
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


def end_date_in_month(
    line: DeclarationLine, facts: MonthFacts | None, i: int, ctx: Context
) -> Finding | None:
    end, month = line.end_date, line.month
    if end is None or facts is None:
        return None
    if end < facts.first_day:
        code = "end_date.before_month"
    elif end > facts.last_day:
        code = "end_date.after_month"
    else:
        return None
    return ctx.cells.finding(code, "end_date", i, end=format_date(end), month=str(month))


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
    month, facts = None, None
    for i, line in enumerate(lines):
        if line.month is not month:  # lines of one month share one Month object: no hashing
            month = line.month
            facts = None if month is None else month_facts(month)
        for rule in ROW_RULES:
            finding = rule(line, facts, i, ctx)
            if finding is not None:
                findings.append(finding)
    return findings
