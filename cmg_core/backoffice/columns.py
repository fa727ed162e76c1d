"""The tables and column lists the stages read with Core selects: plain rows, no ORM objects
to build for thousands of lines (see the bench, `bench/bench_backoffice.py`)."""

from __future__ import annotations

from cmg_core.db.models import Attestation, DepositLine

LINES = DepositLine.__table__
ATTESTATIONS = Attestation.__table__
# what a declaration line says of one child's (GAD: one family's) care
CARE = (
    LINES.c.child_last_name,
    LINES.c.child_first_name,
    LINES.c.birth_date,
    LINES.c.total_hours,
    LINES.c.special_hours,
    LINES.c.amount,
    LINES.c.end_date,
)
