"""What the back office keeps of DS: sync cursors, dossiers and their attached files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmg_core.db.base import Base, Claimable, Timestamps
from cmg_core.db.enums import DossierStatus
from cmg_core.db.types import UtcDateTime, enum_type


class DsCursor(Base):
    """The incremental sync position of one démarche (saved after each page)."""

    __tablename__ = "ds_cursors"

    demarche_number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    updated_since: Mapped[datetime | None] = mapped_column(UtcDateTime())
    end_cursor: Mapped[str | None] = mapped_column(sa.String(200))
    deleted_cursor: Mapped[str | None] = mapped_column(sa.String(200))  # deletedDossiers
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class DsDossier(Claimable, Timestamps, Base):
    """One DS dossier as last fetched, and how far the back office got with it."""

    __tablename__ = "ds_dossiers"
    __table_args__ = (sa.Index(None, "demarche_number", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ds_id: Mapped[str] = mapped_column(sa.String(100), unique=True)  # global id (mutations)
    number: Mapped[int] = mapped_column(sa.BigInteger, index=True)
    demarche_number: Mapped[int]
    state: Mapped[str] = mapped_column(sa.String(30))  # DS state, e.g. en_construction
    depositor_email: Mapped[str] = mapped_column(sa.String(254), default="")
    siret: Mapped[str | None] = mapped_column(sa.String(14), index=True)
    champs: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)  # by champDescriptorId
    deposited_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ds_updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revision_id: Mapped[str | None] = mapped_column(sa.String(100))  # dossier.demarche.revision
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # deleted on DS
    deleted_reason: Mapped[str | None] = mapped_column(sa.String(30))  # DeletedDossierReason
    # Processing: a dossier needs work while processed_version differs from ds_updated_at.
    status: Mapped[DossierStatus] = mapped_column(
        enum_type(DossierStatus, "dossier_status"), default=DossierStatus.PENDING
    )
    processed_version: Mapped[datetime | None] = mapped_column(UtcDateTime())
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decision: Mapped[str | None] = mapped_column(sa.String(30))  # accepte / refuse / correction
    motivation: Mapped[str | None] = mapped_column(sa.Text)  # French, sent to the partner
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)  # never personal data

    files: Mapped[list[DsFile]] = relationship(back_populates="dossier")


class DsFile(Base):
    """A file attached to a dossier: DS metadata, then where we stored it once downloaded."""

    __tablename__ = "ds_files"
    __table_args__ = (sa.UniqueConstraint("dossier_id", "champ_id", "checksum"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(sa.ForeignKey("ds_dossiers.id", ondelete="CASCADE"))
    champ_id: Mapped[str] = mapped_column(sa.String(100))  # champDescriptorId
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(150), default="")
    checksum: Mapped[str] = mapped_column(sa.String(64))  # DS checksum: base64 MD5
    size: Mapped[int] = mapped_column(sa.BigInteger)
    storage_key: Mapped[str | None] = mapped_column(sa.String(120))  # None until downloaded
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    downloaded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    dossier: Mapped[DsDossier] = relationship(back_populates="files")


class DsChampId(Base):
    """The DS id of one champ the product needs: matched once by label and type on the
    démarche's published revision, then kept (DS keeps a champ's id when it is renamed)."""

    __tablename__ = "ds_champ_ids"

    demarche_number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(sa.String(50), primary_key=True)  # ChampSpec.key
    descriptor_id: Mapped[str] = mapped_column(sa.String(100))
    label: Mapped[str] = mapped_column(sa.Text)  # the label it was matched by
    # Ids the champ had before DS replaced it: dossiers of older revisions still carry them.
    previous_ids: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    revision_id: Mapped[str] = mapped_column(sa.String(100))  # published revision last checked
    matched_at: Mapped[datetime] = mapped_column(UtcDateTime())
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DsCheck(Base):
    """One `ds check` report: its exit code and its lines (the Automate page shows the last)."""

    __tablename__ = "ds_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ds_url: Mapped[str] = mapped_column(sa.String(300))
    exit_code: Mapped[int]  # 0 ready, 1 not ready, 2 DS unreachable
    lines: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)  # [level, French text]
