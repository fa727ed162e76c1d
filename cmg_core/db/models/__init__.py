"""Every table of the application, importable from one place."""

from cmg_core.db.models.attestations import (
    AbsentChild,
    Attestation,
    FeedRow,
    FeedRun,
    ProcessingResult,
)
from cmg_core.db.models.caf import Allocataire, Child, CmgClaim
from cmg_core.db.models.deposits import Deposit, DepositLine
from cmg_core.db.models.ds import DsChampId, DsCheck, DsCursor, DsDossier, DsFile
from cmg_core.db.models.mail import OutboxMessage
from cmg_core.db.models.operations import Lease, Run
from cmg_core.db.models.outputs import Bilan, Notification
from cmg_core.db.models.partners import Habilitation, HabilitationEvent, Partner
from cmg_core.db.models.queue import QueueEvent, QueueItem
from cmg_core.db.models.staff import AuditEntry, SignInThrottle, StaffSession, StaffUser

__all__ = [
    "AbsentChild",
    "Allocataire",
    "Attestation",
    "AuditEntry",
    "Bilan",
    "Child",
    "CmgClaim",
    "Deposit",
    "DepositLine",
    "DsChampId",
    "DsCheck",
    "DsCursor",
    "DsDossier",
    "DsFile",
    "FeedRow",
    "FeedRun",
    "Habilitation",
    "HabilitationEvent",
    "Lease",
    "Notification",
    "OutboxMessage",
    "Partner",
    "ProcessingResult",
    "QueueEvent",
    "QueueItem",
    "Run",
    "SignInThrottle",
    "StaffSession",
    "StaffUser",
]
