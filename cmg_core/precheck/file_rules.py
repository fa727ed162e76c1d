"""File rules: checks across all declaration lines (duplicates, months, twins, copy-paste)."""

from __future__ import annotations

from collections import Counter, defaultdict

from cmg_core.findings import Finding
from cmg_core.precheck.catalogue import make
from cmg_core.precheck.context import Context
from cmg_core.precheck.report import DeclarationLine
from cmg_core.precheck.structure import normalise_label
from cmg_core.precheck.wording import euros, hours_text, percent, rows_text
from cmg_core.values import Month, format_date

COPY_PASTE_MIN_LINES = 5
COPY_PASTE_SHARE = 0.9


def main_month(lines: list[DeclarationLine], counts: Counter[Month]) -> Month | None:
    """The month most lines declare (the earliest line's on a tie), None if none is readable."""
    if not counts:
        return None
    top = max(counts.values())
    return next(line.month for line in lines if line.month and counts[line.month] == top)


def one_month_only(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    if len(ctx.month_counts) < 2:
        return []
    main = main_month(lines, ctx.month_counts)
    return [
        ctx.cells.finding("month.mixed", "month", i, month=str(line.month), main_month=str(main))
        for i, line in enumerate(lines)
        if line.month is not None and line.month != main
    ]


def no_duplicate_lines(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    """Same allocataire (MC: and same child, by name) in the same month, twice."""
    findings = []
    for members in ctx.allocataire_groups:
        first_row: dict[tuple, int] = {}
        for i in members:
            line = lines[i]
            key: tuple = (line.month,)
            if ctx.is_mc:
                if line.child_last_name is None or line.child_first_name is None:
                    continue
                key += (
                    normalise_label(line.child_last_name),
                    normalise_label(line.child_first_name),
                )
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
    findings = []
    for members in ctx.allocataire_groups:
        births: dict[tuple, list[int]] = defaultdict(list)
        for i in members:
            line = lines[i]
            if line.birth_date and line.child_first_name:
                births[(line.month, line.birth_date)].append(i)
        for (_, birth), born_together in births.items():
            names = {normalise_label(lines[i].child_first_name) for i in born_together}
            if len(names) < 2:
                continue
            rows = rows_text([lines[i].row for i in born_together])
            findings += [
                ctx.cells.finding(
                    "twins.check_first_names",
                    "child_first_name",
                    i,
                    rows=rows,
                    allocataire=lines[i].allocataire,
                    birth=format_date(birth),
                )
                for i in born_together
            ]
    return findings


def not_copy_pasted(lines: list[DeclarationLine], ctx: Context) -> list[Finding]:
    if len(lines) < COPY_PASTE_MIN_LINES:
        return []
    typed = ctx.cells.typed
    pairs = Counter(
        (hours, amount)
        for hours, amount in zip(typed["total_hours"], typed["amount"], strict=True)
        if hours is not None and amount is not None
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
