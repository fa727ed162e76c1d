"""Back-office runs (one row per stage execution) and leases (named claims for work with no row)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cmg_core.db.base import Base, Claimable
from cmg_core.db.enums import RunStatus
from cmg_core.db.types import UtcDateTime, enum_type, utcnow


class Run(Base):
    """One execution of one stage: when, by which worker, what it counted, how it ended."""

    __tablename__ = "runs"
    __table_args__ = (sa.Index(None, "stage", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(sa.String(30))
    status: Mapped[RunStatus] = mapped_column(
        enum_type(RunStatus, "run_status"), default=RunStatus.RUNNING
    )
    worker: Mapped[str] = mapped_column(sa.String(120), default="")  # host:pid
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    counts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    failures: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.Text)  # never personal data
    # Extended by the worker's heartbeat while it runs: a `running` row past it lost its worker.
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Lease(Claimable, Base):
    """A named claim (e.g. `sync:1002`) for work that has no row of its own to claim: the same
    mechanism as rows (`cmg_core.backoffice.claim`), kept in its own table."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
