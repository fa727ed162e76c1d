"""DS champ ids discovered and kept (ds_champ_ids), ds check reports (ds_checks), each
dossier's revision and deletion, the deleted-dossiers cursor

The product no longer carries DS champ ids in code: each champ it needs is matched once by
label on the démarche's published revision and its id kept here.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ds_champ_ids",
        sa.Column("demarche_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("descriptor_id", sa.String(length=100), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("previous_ids", sa.JSON(), nullable=False),
        sa.Column("revision_id", sa.String(length=100), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("demarche_number", "key", name=op.f("pk_ds_champ_ids")),
    )
    op.create_table(
        "ds_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ds_url", sa.String(length=300), nullable=False),
        sa.Column("exit_code", sa.Integer(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ds_checks")),
    )
    with op.batch_alter_table("ds_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ds_checks_checked_at"), ["checked_at"], unique=False)

    with op.batch_alter_table("ds_cursors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_cursor", sa.String(length=200), nullable=True))

    with op.batch_alter_table("ds_dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("deleted_reason", sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ds_dossiers", schema=None) as batch_op:
        batch_op.drop_column("deleted_reason")
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("revision_id")

    with op.batch_alter_table("ds_cursors", schema=None) as batch_op:
        batch_op.drop_column("deleted_cursor")

    with op.batch_alter_table("ds_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ds_checks_checked_at"))

    op.drop_table("ds_checks")
    op.drop_table("ds_champ_ids")
