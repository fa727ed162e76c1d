import hashlib
import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from cmg_core.documents.digest import (
    attestation_data,
    attestation_digest,
    bilan_digest,
    canonical_json,
)
from cmg_core.documents.model import BilanLine, Caf, Outcome, Structure
from tests.documents.samples import attestation, bilan, home_care_attestation, zoe


def test_an_attestation_gets_a_document_id_made_of_caf_month_allocataire_and_digest():
    a = attestation()
    assert re.fullmatch(r"ATT-493-2026-03-0123456-[0-9a-f]{8}", a.document_id)
    assert a.document_id.endswith(attestation_digest(a)[:8])


def test_a_bilan_gets_a_document_id_made_of_caf_month_siret_and_digest():
    b = bilan(5)
    assert re.fullmatch(r"BIL-493-2026-03-12345678900012-[0-9a-f]{8}", b.document_id)
    assert b.document_id.endswith(bilan_digest(b)[:8])


def test_the_digest_is_the_sha256_of_the_canonical_json_of_the_data():
    a = attestation()
    expected = hashlib.sha256(canonical_json(attestation_data(a))).hexdigest()
    assert attestation_digest(a) == expected


def test_the_generation_time_changes_neither_the_digest_nor_the_id():
    a = attestation()
    later = attestation(generated_at=datetime(2026, 5, 1, 8, 0))
    assert (attestation_digest(later), later.document_id) == (attestation_digest(a), a.document_id)


def test_a_changed_amount_changes_the_digest_and_the_id():
    changed = replace(zoe(), amount=Decimal("1234.51"))
    assert attestation(changed).document_id != attestation().document_id


def test_an_amount_written_with_fewer_decimals_is_the_same_data():
    same = replace(zoe(), amount=Decimal("1234.5"))
    assert attestation(same).document_id == attestation().document_id


def test_a_document_id_given_by_the_caller_is_kept():
    assert attestation(document_id="ATT-STORED").document_id == "ATT-STORED"


def test_an_allocataire_number_must_have_seven_digits():
    with pytest.raises(ValueError, match="7 digits"):
        attestation(allocataire="123456A")


def test_an_attestation_without_any_line_is_refused():
    with pytest.raises(ValueError, match="at least one line"):
        attestation(children=())


def test_a_siret_must_have_fourteen_digits_and_is_shown_in_groups():
    with pytest.raises(ValueError, match="14 digits"):
        Structure("1234", "X", "MC", "Angers")
    assert Structure("12345678900012", "X", "MC", "A").siret_display == "123 456 789 00012"


def test_the_structure_type_is_named_in_french():
    assert attestation().structure.kind_label == "Micro-crèche"
    assert home_care_attestation().structure.kind_label == "Garde à domicile"


def test_the_caf_defaults_to_the_configured_one(monkeypatch):
    monkeypatch.setenv("CMG_CAF_NAME", "Caf de la Sarthe")
    monkeypatch.setenv("CMG_CAF_CODE", "721")
    assert Caf() == Caf("Caf de la Sarthe", "721")


def test_the_bilan_summary_counts_each_outcome():
    b = bilan(7, lines=())
    b = replace(
        b,
        document_id="x",
        lines=tuple(
            BilanLine(i, "0000001", None, outcome, "motif")
            for i, outcome in enumerate(
                [Outcome.PROCESSED] * 4
                + [Outcome.TO_MANAGER] * 2
                + [Outcome.REJECTED, "en attente"]
            )
        ),
    )
    s = b.summary
    assert (s.received, s.processed, s.to_manager, s.rejected, s.other) == (8, 4, 2, 1, 1)
