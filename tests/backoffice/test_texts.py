"""Run counters as the CLI and the Automate page print them: French names, stage order."""

from __future__ import annotations

from cmg_core.backoffice.texts import counters_text


def test_run_counters_read_in_french_in_the_order_of_the_stages_without_failures_or_time():
    counts = {"files": 5, "failures": 1, "dossiers": 7, "seconds": 0.25}
    assert counters_text(counts) == "dossiers lus sur DS : 7, fichiers téléchargés : 5"


def test_a_counter_not_named_is_kept_under_its_key_after_the_named_ones():
    assert counters_text({"surprise": 2, "bilans": 4}) == "bilans envoyés : 4, surprise : 2"


def test_no_counter_prints_nothing():
    assert counters_text({"failures": 3}) == ""
