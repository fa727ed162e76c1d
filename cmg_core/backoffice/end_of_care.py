"""End-of-care dates on CMG claims: applied by processing, undone when no longer declared.

When processing applies an attestation whose every line carries an end-of-care date, the
family's claim with the structure ends that month, and the attestation keeps what it changed
(`ended_claim_id`, `ended_month`, `claim_end_before`). When a later version of the attestation
is decided, or a correction withdraws it, that change is undone first — the claim gets back the
end it had — unless the claim no longer carries it (someone changed it since).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.db.models import Attestation, CmgClaim
from cmg_core.values import Month

_CLAIMS = CmgClaim.__table__
_ATTESTATIONS = Attestation.__table__
# executemany statements: `b_` names, since SQLAlchemy reserves the column names for SET
_RESTORE = (
    sa.update(_CLAIMS)
    .where(_CLAIMS.c.id == sa.bindparam("b_claim"), _CLAIMS.c.end_month == sa.bindparam("b_month"))
    .values(end_month=sa.bindparam("b_before"))
)
_END = sa.update(_CLAIMS).where(_CLAIMS.c.id == sa.bindparam("b_claim"))
_RECORD = sa.update(_ATTESTATIONS).where(_ATTESTATIONS.c.id == sa.bindparam("b_id"))
COLUMNS = (_ATTESTATIONS.c.ended_claim_id, _ATTESTATIONS.c.ended_month,
           _ATTESTATIONS.c.claim_end_before)  # fmt: skip


def _restore(attestation: Any) -> dict[str, Any]:
    """The `_RESTORE` parameters giving the claim back the end it had before `attestation`."""
    return {"b_claim": attestation.ended_claim_id, "b_month": attestation.ended_month,
            "b_before": attestation.claim_end_before}  # fmt: skip


class Changes:
    """The end-of-care changes of one batch of attestations, written together by `write`."""

    def __init__(self) -> None:
        self._restores: list[dict[str, Any]] = []
        self._ends: list[dict[str, Any]] = []
        self._records: list[dict[str, Any]] = []
        self._restored: dict[int, Month | None] = {}  # claim → its end once restored

    def undo(self, attestation: Any) -> None:
        """Undo the end `attestation` (a row with `id` and the `COLUMNS`) had applied."""
        if attestation.ended_claim_id is None:
            return
        self._restores.append(_restore(attestation))
        self._restored[attestation.ended_claim_id] = attestation.claim_end_before
        self._records.append({"b_id": attestation.id, "ended_claim_id": None,
                              "ended_month": None, "claim_end_before": None})  # fmt: skip

    def end(
        self, attestation_id: int, claim_id: int, month: Month, claim_end: Month | None
    ) -> None:
        """End claim `claim_id` in `month` for this attestation; `claim_end` is the claim's end
        as read before this batch (replaced by the restored one when the batch undid it)."""
        before = self._restored.get(claim_id, claim_end)
        self._ends.append({"b_claim": claim_id, "end_month": month})
        self._records.append({"b_id": attestation_id, "ended_claim_id": claim_id,
                              "ended_month": month, "claim_end_before": before})  # fmt: skip

    def write(self, session: Session) -> None:
        """Restores first, then the new ends, then the records (executed in order: the record
        of an `end` wins over the `undo` of the same attestation before it)."""
        for statement, parameters in (
            (_RESTORE, self._restores), (_END, self._ends), (_RECORD, self._records)
        ):  # fmt: skip
            if parameters:
                session.execute(statement, parameters)


def undo_withdrawn(session: Session, attestations: Iterable[Attestation]) -> None:
    """Undo the ends these attestations (ORM objects a correction withdraws) applied."""
    for attestation in attestations:
        if attestation.ended_claim_id is None:
            continue
        session.execute(_RESTORE, _restore(attestation))
        attestation.ended_claim_id = attestation.ended_month = attestation.claim_end_before = None
