"""Decisions, messages and attachments over real HTTP, and the refusals of the state machine."""

from __future__ import annotations

import base64
import hashlib
import json

import httpx
import pytest

from cmg_core.ds import CorrectionReason, DossierState, DSMutationError, DSNotFound
from cmg_core.ds.ids import global_id
from tests.ds.conftest import deposit_mc, monthly_file

PDF = b"%PDF-1.4 bilan de traitement"


def test_passer_en_instruction_then_accepter_with_a_justificatif(sandbox, client):
    dossier = deposit_mc(sandbox)
    assert client.dossier_passer_en_instruction(dossier.id).state is DossierState.EN_INSTRUCTION
    blob = client.upload(dossier.id, "bilan.pdf", PDF, "application/pdf")
    accepted = client.dossier_accepter(dossier.id, motivation="Fichier traité", justificatif=blob)
    assert accepted.state is DossierState.ACCEPTE and accepted.number == dossier.number


def test_refuser_records_the_refusal(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    refused = client.dossier_refuser(dossier.id, motivation="Déposant non habilité")
    assert refused.state is DossierState.REFUSE


def test_classer_sans_suite_closes_the_dossier(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    closed = client.dossier_classer_sans_suite(dossier.id, motivation="Doublon")
    assert closed.state is DossierState.SANS_SUITE


def test_no_decision_is_possible_straight_from_en_construction(sandbox, client):
    dossier = deposit_mc(sandbox)
    for decide in (
        lambda: client.dossier_accepter(dossier.id),
        lambda: client.dossier_refuser(dossier.id, motivation="Non"),
        lambda: client.dossier_classer_sans_suite(dossier.id, motivation="Non"),
    ):
        with pytest.raises(DSMutationError) as raised:
            decide()
        assert raised.value.messages == ("Le dossier est déjà en construction",)
    assert client.dossier(dossier.number).state is DossierState.EN_CONSTRUCTION


def test_a_decided_dossier_refuses_any_further_transition(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    client.dossier_accepter(dossier.id)
    with pytest.raises(DSMutationError, match="déjà accepté"):
        client.dossier_refuser(dossier.id, motivation="Trop tard")
    with pytest.raises(DSMutationError, match="déjà accepté"):
        client.dossier_passer_en_instruction(dossier.id)


def test_passer_en_instruction_twice_is_refused(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    with pytest.raises(DSMutationError, match="déjà en instruction"):
        client.dossier_passer_en_instruction(dossier.id)


def test_an_unknown_dossier_is_not_found_at_top_level(client):
    with pytest.raises(DSNotFound) as raised:
        client.dossier_passer_en_instruction(global_id("Dossier", 999_999))
    assert raised.value.code == "not_found"
    with pytest.raises(DSNotFound):
        client.dossier(999_999)
    with pytest.raises(DSNotFound):
        client.dossier_page(4242)


def test_a_message_with_an_attachment_is_visible_in_the_dossier(sandbox, client):
    dossier = deposit_mc(sandbox)
    blob = client.upload(dossier.id, "bilan.pdf", PDF, "application/pdf")
    sent = client.dossier_envoyer_message(dossier.id, "Votre bilan est joint.", attachment=blob)
    (message,) = client.dossier(dossier.number).messages
    assert (message.id, message.body) == (sent.id, "Votre bilan est joint.")
    assert [a.filename for a in message.attachments] == ["bilan.pdf"]
    assert client.download(message.attachments[0]) == PDF


def test_a_correction_request_sends_the_dossier_back_until_the_partner_updates_it(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    before = client.dossier(dossier.number).date_derniere_modification
    client.dossier_envoyer_message(
        dossier.id, "Merci de corriger le fichier.", correction=CorrectionReason.INCORRECT
    )
    pending = client.dossier(dossier.number)
    assert pending.state is DossierState.EN_CONSTRUCTION
    assert pending.messages[0].correction_reason is CorrectionReason.INCORRECT
    assert pending.messages[0].correction_resolved_at is None

    sandbox.update(dossier.number, files=[monthly_file("corrige")])
    corrected = client.dossier(dossier.number)
    assert corrected.date_derniere_modification > before
    assert corrected.messages[0].correction_resolved_at is not None
    assert [f.filename for f in corrected.files] == ["attestations-corrige.xlsx"]
    assert client.download(corrected.files[0]) == b"contenu corrige"


def test_a_correction_request_on_a_decided_dossier_is_refused(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    client.dossier_refuser(dossier.id, motivation="Non")
    with pytest.raises(DSMutationError, match="correction"):
        client.dossier_envoyer_message(
            dossier.id, "Corrigez", correction=CorrectionReason.INCOMPLETE
        )


def _md5(content: bytes) -> str:
    return base64.b64encode(hashlib.md5(content).digest()).decode()


def test_a_direct_upload_whose_bytes_do_not_match_the_checksum_is_refused(sandbox, client):
    dossier = deposit_mc(sandbox)
    declared = b"the bytes declared"
    data = client.execute(
        "createDirectUpload",
        {
            "input": {
                "dossierId": dossier.id,
                "filename": "bilan.pdf",
                "byteSize": len(declared),
                "checksum": _md5(declared),
                "contentType": "application/pdf",
            }
        },
        mutation=True,
    )
    direct = data["createDirectUpload"]["directUpload"]
    headers = json.loads(direct["headers"])
    assert headers == {"Content-Type": "application/pdf", "Content-MD5": _md5(declared)}
    answer = httpx.put(direct["url"], content=b"other bytes, same size!", headers=headers)
    assert answer.status_code == 400 and b"BadDigest" in answer.content
    with pytest.raises(DSMutationError, match="pas été téléversée"):
        client.dossier_envoyer_message(dossier.id, "Bilan", attachment=direct["signedBlobId"])


def test_a_forged_signed_blob_id_is_refused_as_a_payload_error(sandbox, client):
    dossier = deposit_mc(sandbox)
    client.dossier_passer_en_instruction(dossier.id)
    with pytest.raises(DSMutationError, match="invalide"):
        client.dossier_accepter(dossier.id, justificatif="forged--0000")
