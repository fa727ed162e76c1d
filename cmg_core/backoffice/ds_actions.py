"""DS decisions made idempotent: each call first reads the dossier's state on DS.

A stage runs its DS calls inside the transaction of the item they concern; if the machine stops
after DS acted but before the commit, the next run finds the dossier already in the target
state (or the message already there) and does not act twice. Each function returns the
dossier's `dateDerniereModification` after our action, which the caller saves as the processed
version, so our own changes do not make the dossier look modified by the partner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cmg_core.ds import CorrectionReason, Dossier, DossierState, DSClient

FINAL_STATES = (DossierState.ACCEPTE, DossierState.REFUSE, DossierState.SANS_SUITE)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


Seen = tuple[DossierState, datetime]  # the dossier's state and modification date after us


def _to_instruction(ds: DSClient, remote: Dossier) -> Seen:
    """Pass an `en_construction` dossier en instruction."""
    if remote.state is DossierState.EN_CONSTRUCTION:
        summary = ds.dossier_passer_en_instruction(remote.id)
        return summary.state, summary.date_derniere_modification
    return remote.state, remote.date_derniere_modification


def ensure_instruction(ds: DSClient, number: int) -> Seen:
    """The dossier en instruction (or already decided): never passed twice."""
    return _to_instruction(ds, ds.dossier(number))


def accept(
    ds: DSClient,
    number: int,
    *,
    motivation: str,
    justificatif: Attachment | None = None,
    remote: Dossier | None = None,
) -> Seen:
    """Accept the dossier unless DS already holds a decision; the resulting state and date.

    `remote` is the dossier as just read from DS, when the caller has it."""
    remote = remote or ds.dossier(number)
    if remote.state in FINAL_STATES:
        return remote.state, remote.date_derniere_modification
    _to_instruction(ds, remote)
    blob = None
    if justificatif is not None:
        blob = ds.upload(remote.id, justificatif.filename, justificatif.content,
                         justificatif.content_type)  # fmt: skip
    summary = ds.dossier_accepter(remote.id, motivation=motivation, justificatif=blob)
    return summary.state, summary.date_derniere_modification


def refuse(ds: DSClient, number: int, *, motivation: str) -> Seen:
    """Refuse the dossier unless DS already holds a decision; the resulting state and date."""
    remote = ds.dossier(number)
    if remote.state in FINAL_STATES:
        return remote.state, remote.date_derniere_modification
    _to_instruction(ds, remote)
    summary = ds.dossier_refuser(remote.id, motivation=motivation)
    return summary.state, summary.date_derniere_modification


def request_correction(
    ds: DSClient, number: int, *, body: str, attachment: Attachment | None = None
) -> Seen:
    """Ask the partner to correct the dossier, unless a correction request is still open."""
    remote = ds.dossier(number)
    pending = any(
        m.correction_reason is not None and m.correction_resolved_at is None
        for m in remote.messages
    )
    if pending or remote.state in FINAL_STATES:
        return remote.state, remote.date_derniere_modification
    blob = None
    if attachment is not None:
        blob = ds.upload(remote.id, attachment.filename, attachment.content,
                         attachment.content_type)  # fmt: skip
    ds.dossier_envoyer_message(
        remote.id, body, attachment=blob, correction=CorrectionReason.INCORRECT
    )
    after = ds.dossier(number)
    return after.state, after.date_derniere_modification


def send_message_once(
    ds: DSClient, remote: Dossier, *, body: str, attachment: Attachment | None = None
) -> None:
    """Write to the partner unless a message with the same attachment (or text) is there."""
    for message in remote.messages:
        names = {f.filename for f in message.attachments}
        if (attachment is not None and attachment.filename in names) or message.body == body:
            return
    blob = None
    if attachment is not None:
        blob = ds.upload(remote.id, attachment.filename, attachment.content,
                         attachment.content_type)  # fmt: skip
    ds.dossier_envoyer_message(remote.id, body, attachment=blob)
