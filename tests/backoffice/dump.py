"""A canonical dump of what the back office produced — database and DS — without ids or
timestamps, so two runs of the same scenario can be compared."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from cmg_core.db.session import session_scope
from cmg_core.ds import DSClient, DSNotFound

QUERIES = {
    "dossiers": """select number, state, status, decision, motivation from ds_dossiers""",
    "habilitations": """select p.siret, h.email, h.active, h.first_name, h.last_name
        from habilitations h join partners p on p.id = h.partner_id""",
    "habilitation_events": """select d.number, e.operation, e.actor_email
        from habilitation_events e join ds_dossiers d on d.id = e.ds_dossier_id""",
    "deposits": """select d.number, x.file_name, x.status, x.is_current, x.month, x.attempt,
        x.valid, x.error_count, x.warning_count, x.annotated_key is null, s.file_name
        from deposits x join ds_dossiers d on d.id = x.dossier_id
        left join deposits s on s.id = x.superseded_by_id""",
    "lines": """select x.file_name, l.row, l.allocataire_number, l.total_hours, l.outcome,
        l.reason, a.allocataire_number, a.month
        from deposit_lines l join deposits x on x.id = l.deposit_id
        left join attestations a on a.id = l.attestation_id""",
    "attestations": """select a.allocataire_number, a.month, p.siret, a.version, a.total_hours,
        a.amount, a.state, a.document_id, a.pdf_key, a.end_date, x.file_name
        from attestations a join partners p on p.id = a.partner_id
        join deposits x on x.id = a.deposit_id""",
    "feed_rows": """select f.allocataire_number, f.month, f.siret, f.attestation_version
        from feed_rows f""",
    "results": """select f.allocataire_number, f.month, f.attestation_version, r.outcome,
        r.reason from processing_results r join feed_rows f on f.id = r.feed_row_id""",
    "queue": """select q.allocataire_number, q.month, q.reason, q.status, q.pdf_key = a.pdf_key
        from queue_items q join attestations a on a.id = q.attestation_id""",
    "queue_events": """select q.allocataire_number, q.reason, e.action
        from queue_events e join queue_items q on q.id = e.item_id""",
    "absent": """select x.file_name, a.allocataire_number, a.child_first_name
        from absent_children a join deposits x on x.id = a.deposit_id""",
    "bilans": """select x.file_name, b.pdf_key, b.xlsx_key, b.sent_via,
        b.sent_to_ds_at is not null from bilans b join deposits x on x.id = b.deposit_id""",
    "notifications": """select allocataire_number, attestation_version, channel, text
        from notifications""",
    "outbox": """select key, kind, recipient, subject, status, sent_at is not null from outbox""",
    "claims": """select a.number, c.end_month from cmg_claims c
        join allocataires a on a.id = c.allocataire_id""",
}


def database(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table above as a sorted list of rows."""
    with session_scope(url) as session:
        return {
            name: sorted((tuple(row) for row in session.execute(sa.text(sql))), key=repr)
            for name, sql in QUERIES.items()
        }


def ds(client: DSClient, last_number: int) -> dict[int, tuple[Any, ...]]:
    """Each dossier as DS shows it: state and messages (text, attachments, correction)."""
    seen: dict[int, tuple[Any, ...]] = {}
    for number in range(1, last_number + 1):
        try:
            dossier = client.dossier(number)
        except DSNotFound:
            continue
        messages = tuple(
            (m.body, tuple(f.filename for f in m.attachments), m.correction_reason)
            for m in dossier.messages
        )
        seen[number] = (dossier.state, messages)
    return seen
