"""attestations: the end of care their processing applied (ended_claim_id, ended_month,
claim_end_before)

An end-of-care date applied by one version of an attestation is undone when a later version no
longer carries it or the attestation is withdrawn; the attestation keeps what it changed, so
that the undo restores exactly the claim's previous end.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ended_claim_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ended_month", sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("claim_end_before", sa.String(length=7), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attestations_ended_claim_id_cmg_claims"),
            "cmg_claims",
            ["ended_claim_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_attestations_ended_claim_id_cmg_claims"), type_="foreignkey"
        )
        batch_op.drop_column("claim_end_before")
        batch_op.drop_column("ended_month")
        batch_op.drop_column("ended_claim_id")
