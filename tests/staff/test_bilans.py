"""The counts of a bilan as the Bilans page prints them: French words, in reading order."""

from __future__ import annotations

from cmg_core.staff.bilans import REPLACED, counts_text


def test_the_counts_the_bilan_stage_writes_read_in_french_in_order():
    counts = {"rejected": 1, "processed": 244, "withdrawn": 2, "received": 281, "to_manager": 36}
    assert counts_text(counts) == (
        "lignes reçues : 281 · traitées : 244 · transmises à un gestionnaire : 36 · "
        "rejetées : 1 · familles retirées : 2"
    )


def test_a_replaced_deposit_says_so_instead_of_counts():
    assert counts_text({"replaced": 1}) == REPLACED


def test_a_count_not_known_here_is_kept_under_its_own_name():
    assert counts_text({"received": 3, "surprise": 1}) == "lignes reçues : 3 · surprise : 1"
