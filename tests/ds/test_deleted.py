"""Deleted dossiers, served by the sandbox as DS serves `Demarche.deletedDossiers`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cmg_core.ds import DeletedReason, DossierState, DSMutationError, DSNotFound
from cmg_core.ds.demarches import GAD, MC
from cmg_core.ds.sandbox import DeletionRefused
from tests.ds.conftest import deposit_mc

SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def _all(client, number, after=None):
    pages = list(client.deleted_dossier_pages(number, after=after, deleted_since=SINCE))
    return [d for p in pages for d in p.deleted], pages[-1].end_cursor


def test_a_deleted_dossier_leaves_the_dossiers_and_joins_the_deleted_ones(sandbox, client):
    kept, gone = deposit_mc(sandbox, tag="09/2026"), deposit_mc(sandbox, tag="10/2026")
    client.dossier_passer_en_instruction(gone.id)
    sandbox.delete(gone.number, "user_request")
    (listed,) = client.dossier_page(MC.number, updated_since=SINCE).dossiers
    assert listed.number == kept.number
    with pytest.raises(DSNotFound):
        client.dossier(gone.number)
    with pytest.raises((DSNotFound, DSMutationError)):
        client.dossier_accepter(gone.id)
    (deleted,), _ = _all(client, MC.number)
    assert (deleted.number, deleted.reason, deleted.state) == (
        gone.number, DeletedReason.USER_REQUEST, DossierState.EN_INSTRUCTION,
    )  # fmt: skip
    assert _all(client, GAD.number)[0] == []


def test_deleted_dossiers_resume_after_the_saved_cursor(sandbox, client):
    numbers = [deposit_mc(sandbox, tag=f"0{m}/2026").number for m in range(1, 6)]
    for number, reason in zip(
        numbers[:3], ("expired", "user_request", "procedure_removed"), strict=True
    ):
        sandbox.delete(number, reason)
    first, cursor = _all(client, MC.number)
    assert [d.number for d in first] == numbers[:3]
    assert [d.reason.value for d in first] == ["expired", "user_request", "procedure_removed"]
    for number in numbers[3:]:
        sandbox.delete(number, "expired")
    later, again = _all(client, MC.number, after=cursor)
    assert [d.number for d in later] == numbers[3:]
    nothing, still = _all(client, MC.number, after=again)
    assert nothing == [] and still == again  # an empty page never loses the cursor


def test_pages_hold_at_most_one_hundred(sandbox, client):
    numbers = [deposit_mc(sandbox, tag="10/2026").number for _ in range(101)]
    for number in numbers:
        sandbox.delete(number, "expired")
    pages = list(client.deleted_dossier_pages(MC.number, after=None, deleted_since=SINCE))
    assert [len(p.deleted) for p in pages] == [100, 1]


def test_the_sandbox_refuses_an_unknown_reason_or_a_dossier_deleted_twice(sandbox):
    deposited = deposit_mc(sandbox)
    with pytest.raises(DeletionRefused, match="Raison inconnue"):
        sandbox.delete(deposited.number, "because")
    sandbox.delete(deposited.number, "expired")
    with pytest.raises(DeletionRefused, match="introuvable"):
        sandbox.delete(deposited.number, "user_request")
