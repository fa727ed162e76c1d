"""claims: claimed_by / claimed_until on dossiers, deposits and leases; runs get a heartbeat

The back office claims a row (a DS dossier, a deposit) or a name (a lease) for a worker until a
time its heartbeat extends, committed before any slow or remote work, instead of holding a row
lock across it; a `running` run whose heartbeat stopped is closed as failed by the next pass.
`leases` only holds transient claims: it is created again with the same columns as the rows.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIMED = ("ds_dossiers", "deposits")


def _claim_columns() -> list[sa.Column]:
    return [
        sa.Column("claimed_by", sa.String(length=120), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    for table in CLAIMED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in _claim_columns():
                batch_op.add_column(column)
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
    op.drop_table("leases")
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=100), nullable=False),
        *_claim_columns(),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
    for table in CLAIMED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("claimed_until")
            batch_op.drop_column("claimed_by")
