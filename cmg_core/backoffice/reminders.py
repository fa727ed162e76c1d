"""Stage `reminders`: after the deadline (`CMG_DEPOSIT_DEADLINE_DAY` of month M+1), one
reminder to each active partner that has not filed month M — to its gestionnaire des
habilitations and its habilitated people — written to the outbox once (`partners.calls`);
stage `mail` sends it."""

from __future__ import annotations

from cmg_core.backoffice.context import StageContext
from cmg_core.partners import calls


def run(ctx: StageContext) -> None:
    ctx.checkpoint()
    with ctx.session() as session:
        result = calls.reminders(session, ctx.today)
        ctx.checkpoint()  # before the commit: the rows are written again by the next pass
    if result.written:
        ctx.counts["reminders"] += result.written
    ctx.advance(result.partners)
