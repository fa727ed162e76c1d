"""attestations.state: 'withdrawn'

An attestation whose family a structure's correction no longer declares is withdrawn (SPEC §4:
a second file replaces the first, never doubles it). The state column is a VARCHAR with a
named CHECK constraint listing the states: the constraint is rebuilt with the new value
(SQLite: by batch mode's table copy).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ("created", "filed", "fed", "processed", "queued")
AFTER = (*BEFORE, "withdrawn")


def _state(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="attestation_state", native_enum=False, create_constraint=True)


def _change(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.alter_column(
            "state", existing_type=_state(old), type_=_state(new), existing_nullable=False
        )


def upgrade() -> None:
    _change(BEFORE, AFTER)


def downgrade() -> None:
    op.execute("UPDATE attestations SET state = 'processed' WHERE state = 'withdrawn'")
    _change(AFTER, BEFORE)
