"""deposit_lines: drop the index on outcome

Four values, each line's rewritten by processing: the index cost every update and, on a
PostgreSQL whose statistics lag (autovacuum off or not yet run), the planner combined it with
the deposit index and read every dead 'pending' entry for each deposit — about one second per
deposit at 100,000 lines. The per-deposit probes use (deposit_id, attestation_id).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 17:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deposit_lines_outcome"))


def downgrade() -> None:
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deposit_lines_outcome"), ["outcome"], unique=False)
