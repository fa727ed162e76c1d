"""Journal details read in French."""


def test_journal_details_read_in_french():
    from cmg_core.staff.audit import details_text

    assert details_text({"reason": "wrong_password"}) == "motif : mot de passe erroné"


def test_ds_states_and_decisions_read_in_french():
    from cmg_core.staff.deposits import ds_word

    assert ds_word("accepte") == "accepté"
    assert ds_word("en_instruction") == "en instruction"
    assert ds_word("correction") == "correction demandée"
