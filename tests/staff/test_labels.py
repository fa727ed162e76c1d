"""Journal details read in French."""


def test_journal_details_read_in_french():
    from cmg_core.staff.audit import details_text

    assert details_text({"reason": "wrong_password"}) == "motif : mot de passe erroné"
