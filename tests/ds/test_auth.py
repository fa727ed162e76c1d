"""Bearer tokens as DS checks them, and the token never appearing in logs."""

from __future__ import annotations

import logging

import pytest

from cmg_core.ds import CorrectionReason, DSForbidden, DSUnauthorized
from cmg_core.ds.demarches import MC
from cmg_core.ds.sandbox import EXPIRED_DEMO_TOKEN
from tests.ds.conftest import FAST_RETRY, deposit_mc

SECRET = "tok-7f3a9c1e-ne-jamais-journaliser"


def test_a_missing_or_unknown_token_is_forbidden(sandbox):
    for token in ("", "not-a-token"):
        with (
            sandbox.client(token=token, retry=FAST_RETRY) as client,
            pytest.raises(DSForbidden) as raised,
        ):
            client.dossier_page(MC.number)
        assert raised.value.status_code == 403


def test_an_expired_token_is_unauthorized_and_not_retried(sandbox):
    with (
        sandbox.client(token=EXPIRED_DEMO_TOKEN, retry=FAST_RETRY) as client,
        pytest.raises(DSUnauthorized),
    ):
        client.dossier_page(MC.number)
    assert sandbox.faults.calls == 1


def test_the_token_never_appears_in_logs_even_through_retries_and_errors(sandbox, caplog):
    sandbox.store.add_token(SECRET)
    deposited = deposit_mc(sandbox)
    sandbox.faults.fail(times=1)
    sandbox.faults.rate_limit(after=3, times=1, reset_in=0)
    caplog.set_level(logging.DEBUG)
    with sandbox.client(token=SECRET, retry=FAST_RETRY) as client:
        (dossier,) = client.dossier_page(MC.number).dossiers
        client.download(dossier.files[0])
        client.dossier_passer_en_instruction(deposited.id)
        blob = client.upload(deposited.id, "bilan.pdf", b"%PDF", "application/pdf")
        client.dossier_envoyer_message(
            deposited.id, "Corrigez", attachment=blob, correction=CorrectionReason.INCORRECT
        )
    sandbox.store.add_token(SECRET, expired=True)
    with sandbox.client(token=SECRET, retry=FAST_RETRY) as client, pytest.raises(DSUnauthorized):
        client.dossier(deposited.number)
    assert caplog.records, "the client run should have logged something at DEBUG"
    assert all(SECRET not in r.getMessage() for r in caplog.records)
    assert SECRET not in caplog.text
