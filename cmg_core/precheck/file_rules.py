"""File rules: checks across all declaration lines (duplicates, months, twins, copy-paste)."""

from __future__ import annotations

from collections import Counter, defaultdict

from cmg_core.precheck.catalogue import make
from cmg_core.precheck.report import DeclarationLine, Finding
from cmg_core.precheck.row_rules import Context
from cmg_core.precheck.structure import normalise_label
from cmg_core.precheck.wording import euros, hours_text, percent, rows_text
from cmg_core.values import Month, format_date

COPY_PASTE_MIN_LINES = 5
COPY_PASTE_SHARE = 0.9


def main_month(lines: list[DeclarationLine]) -> Month | None:
    """The month most lines declare (the earliest line's on a tie), None if none is readable."""
    counts = Counter(line.month for line in lines if line.month is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(line.month for line in lines if line.month and counts[line.month] == top)


def one_month_only(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    main = main_month(lines)
    return [
        ctx.cells.finding("month.mixed", "month", i, month=str(line.month), main_month=str(main))
        for i, line in enumerate(lines)
        if line.month is not None and line.month != main
    ]


def no_duplicate_lines(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    """Same allocataire (MC: and same child, by name) in the same month, twice."""
    first_row: dict[tuple, int] = {}
    findings = []
    for i, line in enumerate(lines):
        if line.allocataire is None:
            continue
        key: tuple = (line.month, line.allocataire)
        if ctx.is_mc:
            if line.child_last_name is None or line.child_first_name is None:
                continue
            key += (normalise_label(line.child_last_name), normalise_label(line.child_first_name))
        if key not in first_row:
            first_row[key] = line.row
            continue
        params = {"allocataire": line.allocataire, "first_row": first_row[key]}
        if ctx.is_mc:
            params["child"] = f"{line.child_first_name} {line.child_last_name}"
        cause = "child" if ctx.is_mc else ""
        findings.append(ctx.cells.finding("row.duplicate", "allocataire", i, cause, **params))
    return findings


def twins_named_apart(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    """MC: several children of one allocataire born the same day — a case the Caf checks."""
    if not ctx.is_mc:
        return []
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.allocataire and line.birth_date and line.child_first_name:
            groups[(line.month, line.allocataire, line.birth_date)].append(i)
    findings = []
    for (_, allocataire, birth), members in groups.items():
        names = {normalise_label(lines[i].child_first_name) for i in members}
        if len(names) < 2:
            continue
        rows = rows_text([lines[i].row for i in members])
        for i in members:
            findings.append(
                ctx.cells.finding(
                    "twins.check_first_names",
                    "child_first_name",
                    i,
                    rows=rows,
                    allocataire=allocataire,
                    birth=format_date(birth),
                )
            )
    return findings


def not_copy_pasted(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    if len(lines) < COPY_PASTE_MIN_LINES:
        return []
    pairs = Counter(
        (line.total_hours, line.amount)
        for line in lines
        if line.total_hours is not None and line.amount is not None
    )
    if not pairs:
        return []
    (hours, amount), count = pairs.most_common(1)[0]
    share = count / len(lines)
    if share < COPY_PASTE_SHARE:
        return []
    finding = make(
        "file.copy_paste_suspected",
        share=percent(share),
        count=count,
        total=len(lines),
        hours=hours_text(hours),
        amount=euros(amount),
    )
    return [finding]


FILE_RULES = (one_month_only, no_duplicate_lines, twins_named_apart, not_copy_pasted)


def check_file(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for rule in FILE_RULES:
        findings += rule(lines, ctx)
    return findings
