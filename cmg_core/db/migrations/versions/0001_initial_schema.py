"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 13:48:23.536517
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "allocataires",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=7), nullable=False),
        sa.Column("key_letter", sa.String(length=1), nullable=False),
        sa.Column("civilite", sa.String(length=5), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=5), nullable=False),
        sa.Column("commune", sa.String(length=100), nullable=False),
        sa.Column("affiliated", sa.Boolean(), nullable=False),
        sa.Column("record_locked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocataires")),
        sa.UniqueConstraint("number", name=op.f("uq_allocataires_number")),
    )
    with op.batch_alter_table("allocataires", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allocataires_affiliated"), ["affiliated"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_allocataires_record_locked"), ["record_locked"], unique=False
        )

    op.create_table(
        "ds_cursors",
        sa.Column("demarche_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("updated_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_cursor", sa.String(length=200), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("demarche_number", name=op.f("pk_ds_cursors")),
    )
    op.create_table(
        "ds_dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ds_id", sa.String(length=100), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("demarche_number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("depositor_email", sa.String(length=254), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("champs", sa.JSON(), nullable=False),
        sa.Column("deposited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ds_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "done",
                "failed",
                name="dossier_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("processed_version", sa.DateTime(timezone=True), nullable=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision", sa.String(length=30), nullable=True),
        sa.Column("motivation", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ds_dossiers")),
        sa.UniqueConstraint("ds_id", name=op.f("uq_ds_dossiers_ds_id")),
    )
    with op.batch_alter_table("ds_dossiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ds_dossiers_demarche_number_status"),
            ["demarche_number", "status"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_ds_dossiers_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_ds_dossiers_siret"), ["siret"], unique=False)

    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )
    op.create_table(
        "partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("MC", "GAD", name="partner_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=5), nullable=False),
        sa.Column("commune", sa.String(length=100), nullable=False),
        sa.Column("convention_ref", sa.String(length=40), nullable=False),
        sa.Column("convention_signed_on", sa.Date(), nullable=True),
        sa.Column("manager_email", sa.String(length=254), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
        sa.UniqueConstraint("convention_ref", name=op.f("uq_partners_convention_ref")),
        sa.UniqueConstraint("siret", name=op.f("uq_partners_siret")),
    )
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partners_manager_email"), ["manager_email"], unique=False
        )

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "running",
                "succeeded",
                "failed",
                name="run_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_runs_stage_started_at"), ["stage", "started_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_runs_started_at"), ["started_at"], unique=False)

    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "agent",
                "gca",
                "admin",
                name="staff_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("oidc_subject", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_users_email")),
        sa.UniqueConstraint("oidc_subject", name=op.f("uq_staff_users_oidc_subject")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_email", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("target_type", sa.String(length=40), nullable=True),
        sa.Column("target_id", sa.String(length=60), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["staff_users.id"],
            name=op.f("fk_audit_log_actor_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_log_target_type_target_id"),
            ["target_type", "target_id"],
            unique=False,
        )

    op.create_table(
        "children",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocataire_id", sa.Integer(), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["allocataire_id"],
            ["allocataires.id"],
            name=op.f("fk_children_allocataire_id_allocataires"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_children")),
        sa.UniqueConstraint(
            "allocataire_id",
            "first_name",
            "birth_date",
            name=op.f("uq_children_allocataire_id_first_name_birth_date"),
        ),
    )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_children_allocataire_id"), ["allocataire_id"], unique=False
        )

    op.create_table(
        "cmg_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocataire_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("MC", "GAD", name="claim_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("known", sa.Boolean(), nullable=False),
        sa.Column("start_month", sa.String(length=7), nullable=False),
        sa.Column("end_month", sa.String(length=7), nullable=True),
        sa.ForeignKeyConstraint(
            ["allocataire_id"],
            ["allocataires.id"],
            name=op.f("fk_cmg_claims_allocataire_id_allocataires"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_cmg_claims_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cmg_claims")),
        sa.UniqueConstraint(
            "allocataire_id", "partner_id", name=op.f("uq_cmg_claims_allocataire_id_partner_id")
        ),
    )
    with op.batch_alter_table("cmg_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cmg_claims_known"), ["known"], unique=False)
        batch_op.create_index(batch_op.f("ix_cmg_claims_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "deposits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column(
            "template",
            sa.Enum(
                "MC", "GAD", name="deposit_template", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_key", sa.String(length=120), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("annotated_key", sa.String(length=120), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "invalid",
                "correction_requested",
                "accepted",
                "superseded",
                "processed",
                name="deposit_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("valid", sa.Boolean(), nullable=True),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("warning_count", sa.Integer(), nullable=False),
        sa.Column("deposited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "NOT (is_current AND superseded_by_id IS NOT NULL)",
            name=op.f("ck_deposits_current_not_superseded"),
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["ds_dossiers.id"],
            name=op.f("fk_deposits_dossier_id_ds_dossiers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_deposits_partner_id_partners"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"],
            ["deposits.id"],
            name=op.f("fk_deposits_superseded_by_id_deposits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposits")),
        sa.UniqueConstraint(
            "dossier_id", "file_sha256", name=op.f("uq_deposits_dossier_id_file_sha256")
        ),
    )
    with op.batch_alter_table("deposits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deposits_month_partner_id"), ["month", "partner_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deposits_status"), ["status"], unique=False)
        batch_op.create_index(
            "uq_deposits_current",
            ["siret", "month", "template"],
            unique=True,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )

    op.create_table(
        "ds_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("champ_id", sa.String(length=100), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=150), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(length=120), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("downloaded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["ds_dossiers.id"],
            name=op.f("fk_ds_files_dossier_id_ds_dossiers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ds_files")),
        sa.UniqueConstraint(
            "dossier_id",
            "champ_id",
            "checksum",
            name=op.f("uq_ds_files_dossier_id_champ_id_checksum"),
        ),
    )
    op.create_table(
        "feed_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("file_key", sa.String(length=120), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_feed_runs_run_id_runs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_runs")),
    )
    op.create_table(
        "habilitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("civilite", sa.String(length=5), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source_dossier_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_habilitations_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_dossier_id"],
            ["ds_dossiers.id"],
            name=op.f("fk_habilitations_source_dossier_id_ds_dossiers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habilitations")),
        sa.UniqueConstraint("partner_id", "email", name=op.f("uq_habilitations_partner_id_email")),
    )
    with op.batch_alter_table("habilitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_habilitations_email"), ["email"], unique=False)

    op.create_table(
        "absent_children",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deposit_id", sa.Integer(), nullable=False),
        sa.Column("allocataire_number", sa.String(length=7), nullable=False),
        sa.Column("child_last_name", sa.String(length=100), nullable=False),
        sa.Column("child_first_name", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("previous_deposit_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deposit_id"],
            ["deposits.id"],
            name=op.f("fk_absent_children_deposit_id_deposits"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_deposit_id"],
            ["deposits.id"],
            name=op.f("fk_absent_children_previous_deposit_id_deposits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absent_children")),
        sa.UniqueConstraint(
            "deposit_id",
            "allocataire_number",
            "child_first_name",
            "birth_date",
            name=op.f(
                "uq_absent_children_deposit_id_allocataire_number_child_first_name_birth_date"
            ),
        ),
    )
    op.create_table(
        "attestations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocataire_number", sa.String(length=7), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("deposit_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("total_hours", sa.Integer(), nullable=False),
        sa.Column("special_hours", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("document_id", sa.String(length=60), nullable=True),
        sa.Column("pdf_key", sa.String(length=120), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "created",
                "filed",
                "fed",
                "processed",
                "queued",
                name="attestation_state",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deposit_id"],
            ["deposits.id"],
            name=op.f("fk_attestations_deposit_id_deposits"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_attestations_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attestations")),
        sa.UniqueConstraint(
            "allocataire_number",
            "month",
            "partner_id",
            name=op.f("uq_attestations_allocataire_number_month_partner_id"),
        ),
        sa.UniqueConstraint("document_id", name=op.f("uq_attestations_document_id")),
    )
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attestations_deposit_id"), ["deposit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attestations_month_state"), ["month", "state"], unique=False
        )

    op.create_table(
        "bilans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deposit_id", sa.Integer(), nullable=False),
        sa.Column("pdf_key", sa.String(length=120), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("xlsx_key", sa.String(length=120), nullable=True),
        sa.Column("xlsx_sha256", sa.String(length=64), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_to_ds_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_via", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["deposit_id"],
            ["deposits.id"],
            name=op.f("fk_bilans_deposit_id_deposits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bilans")),
        sa.UniqueConstraint("deposit_id", name=op.f("uq_bilans_deposit_id")),
    )
    with op.batch_alter_table("bilans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bilans_sent_to_ds_at"), ["sent_to_ds_at"], unique=False
        )

    op.create_table(
        "habilitation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("habilitation_id", sa.Integer(), nullable=False),
        sa.Column(
            "operation",
            sa.Enum(
                "AJOUT",
                "MODIFICATION",
                "SUPPRESSION",
                "INITIALISATION",
                name="habilitation_operation",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("actor_email", sa.String(length=254), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=True),
        sa.Column("ds_dossier_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ds_dossier_id"],
            ["ds_dossiers.id"],
            name=op.f("fk_habilitation_events_ds_dossier_id_ds_dossiers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["habilitation_id"],
            ["habilitations.id"],
            name=op.f("fk_habilitation_events_habilitation_id_habilitations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_habilitation_events_staff_user_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habilitation_events")),
    )
    with op.batch_alter_table("habilitation_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_habilitation_events_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_habilitation_events_habilitation_id"), ["habilitation_id"], unique=False
        )

    op.create_table(
        "deposit_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deposit_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("allocataire_number", sa.String(length=7), nullable=False),
        sa.Column("child_last_name", sa.String(length=100), nullable=True),
        sa.Column("child_first_name", sa.String(length=100), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("total_hours", sa.Integer(), nullable=False),
        sa.Column("special_hours", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("attestation_id", sa.Integer(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "pending",
                "applied",
                "queued",
                "rejected",
                name="line_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["attestation_id"],
            ["attestations.id"],
            name=op.f("fk_deposit_lines_attestation_id_attestations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["deposit_id"],
            ["deposits.id"],
            name=op.f("fk_deposit_lines_deposit_id_deposits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposit_lines")),
        sa.UniqueConstraint("deposit_id", "row", name=op.f("uq_deposit_lines_deposit_id_row")),
    )
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deposit_lines_allocataire_number"), ["allocataire_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deposit_lines_attestation_id"), ["attestation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deposit_lines_outcome"), ["outcome"], unique=False)

    op.create_table(
        "feed_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_run_id", sa.Integer(), nullable=False),
        sa.Column("attestation_id", sa.Integer(), nullable=False),
        sa.Column("attestation_version", sa.Integer(), nullable=False),
        sa.Column("allocataire_number", sa.String(length=7), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attestation_id"],
            ["attestations.id"],
            name=op.f("fk_feed_rows_attestation_id_attestations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["feed_run_id"],
            ["feed_runs.id"],
            name=op.f("fk_feed_rows_feed_run_id_feed_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_rows")),
        sa.UniqueConstraint(
            "attestation_id",
            "attestation_version",
            name=op.f("uq_feed_rows_attestation_id_attestation_version"),
        ),
    )
    with op.batch_alter_table("feed_rows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_rows_feed_run_id"), ["feed_run_id"], unique=False)

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocataire_number", sa.String(length=7), nullable=False),
        sa.Column("attestation_id", sa.Integer(), nullable=False),
        sa.Column("attestation_version", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "mon_compte", name="notification_channel", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["attestation_id"],
            ["attestations.id"],
            name=op.f("fk_notifications_attestation_id_attestations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint(
            "attestation_id",
            "attestation_version",
            "channel",
            name=op.f("uq_notifications_attestation_id_attestation_version_channel"),
        ),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notifications_allocataire_number"), ["allocataire_number"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notifications_sent_at"), ["sent_at"], unique=False)

    op.create_table(
        "queue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attestation_id", sa.Integer(), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "not_affiliated",
                "file_being_updated",
                "twins",
                "cmg_claim_unknown",
                "child_not_found",
                name="queue_reason",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "taken",
                "resolved",
                name="queue_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("allocataire_number", sa.String(length=7), nullable=False),
        sa.Column("pdf_key", sa.String(length=120), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "applied",
                "refused",
                "no_action",
                name="queue_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["staff_users.id"],
            name=op.f("fk_queue_items_assignee_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["attestation_id"],
            ["attestations.id"],
            name=op.f("fk_queue_items_attestation_id_attestations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_queue_items_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_items")),
        sa.UniqueConstraint(
            "attestation_id", "reason", name=op.f("uq_queue_items_attestation_id_reason")
        ),
    )
    with op.batch_alter_table("queue_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_queue_items_allocataire_number"), ["allocataire_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_queue_items_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_queue_items_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_queue_items_partner_id_month"), ["partner_id", "month"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_queue_items_status_reason"), ["status", "reason"], unique=False
        )

    op.create_table(
        "processing_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_row_id", sa.Integer(), nullable=False),
        sa.Column("attestation_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "pending",
                "applied",
                "queued",
                "rejected",
                name="result_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=60), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["attestation_id"],
            ["attestations.id"],
            name=op.f("fk_processing_results_attestation_id_attestations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["feed_row_id"],
            ["feed_rows.id"],
            name=op.f("fk_processing_results_feed_row_id_feed_rows"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_processing_results_run_id_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processing_results")),
        sa.UniqueConstraint("feed_row_id", name=op.f("uq_processing_results_feed_row_id")),
    )
    with op.batch_alter_table("processing_results", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_processing_results_attestation_id"), ["attestation_id"], unique=False
        )

    op.create_table(
        "queue_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "created",
                "taken",
                "assigned",
                "released",
                "resolved",
                "reopened",
                "commented",
                name="queue_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["staff_users.id"],
            name=op.f("fk_queue_events_actor_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["staff_users.id"],
            name=op.f("fk_queue_events_assignee_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["queue_items.id"],
            name=op.f("fk_queue_events_item_id_queue_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_events")),
    )
    with op.batch_alter_table("queue_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_events_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("queue_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_events_item_id"))

    op.drop_table("queue_events")
    with op.batch_alter_table("processing_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_processing_results_attestation_id"))

    op.drop_table("processing_results")
    with op.batch_alter_table("queue_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_items_status_reason"))
        batch_op.drop_index(batch_op.f("ix_queue_items_partner_id_month"))
        batch_op.drop_index(batch_op.f("ix_queue_items_created_at"))
        batch_op.drop_index(batch_op.f("ix_queue_items_assignee_id"))
        batch_op.drop_index(batch_op.f("ix_queue_items_allocataire_number"))

    op.drop_table("queue_items")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_sent_at"))
        batch_op.drop_index(batch_op.f("ix_notifications_allocataire_number"))

    op.drop_table("notifications")
    with op.batch_alter_table("feed_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_rows_feed_run_id"))

    op.drop_table("feed_rows")
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deposit_lines_outcome"))
        batch_op.drop_index(batch_op.f("ix_deposit_lines_attestation_id"))
        batch_op.drop_index(batch_op.f("ix_deposit_lines_allocataire_number"))

    op.drop_table("deposit_lines")
    with op.batch_alter_table("habilitation_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_habilitation_events_habilitation_id"))
        batch_op.drop_index(batch_op.f("ix_habilitation_events_at"))

    op.drop_table("habilitation_events")
    with op.batch_alter_table("bilans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bilans_sent_to_ds_at"))

    op.drop_table("bilans")
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attestations_month_state"))
        batch_op.drop_index(batch_op.f("ix_attestations_deposit_id"))

    op.drop_table("attestations")
    op.drop_table("absent_children")
    with op.batch_alter_table("habilitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_habilitations_email"))

    op.drop_table("habilitations")
    op.drop_table("feed_runs")
    op.drop_table("ds_files")
    with op.batch_alter_table("deposits", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_deposits_current",
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )
        batch_op.drop_index(batch_op.f("ix_deposits_status"))
        batch_op.drop_index(batch_op.f("ix_deposits_month_partner_id"))

    op.drop_table("deposits")
    with op.batch_alter_table("cmg_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cmg_claims_partner_id"))
        batch_op.drop_index(batch_op.f("ix_cmg_claims_known"))

    op.drop_table("cmg_claims")
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_children_allocataire_id"))

    op.drop_table("children")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_target_type_target_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_actor_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
    op.drop_table("staff_users")
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_runs_started_at"))
        batch_op.drop_index(batch_op.f("ix_runs_stage_started_at"))

    op.drop_table("runs")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partners_manager_email"))

    op.drop_table("partners")
    op.drop_table("leases")
    with op.batch_alter_table("ds_dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ds_dossiers_siret"))
        batch_op.drop_index(batch_op.f("ix_ds_dossiers_number"))
        batch_op.drop_index(batch_op.f("ix_ds_dossiers_demarche_number_status"))

    op.drop_table("ds_dossiers")
    op.drop_table("ds_cursors")
    with op.batch_alter_table("allocataires", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allocataires_record_locked"))
        batch_op.drop_index(batch_op.f("ix_allocataires_affiliated"))

    op.drop_table("allocataires")
