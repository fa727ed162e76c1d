"""deposit_lines: index on (deposit_id, attestation_id)

The attestations stage looks for a deposit's lines not yet linked to an attestation; with only
the single-column indexes SQLite's planner took the attestation_id one and scanned every
unlinked line of every deposit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deposit_lines_deposit_id_attestation_id"),
            ["deposit_id", "attestation_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deposit_lines_deposit_id_attestation_id"))
