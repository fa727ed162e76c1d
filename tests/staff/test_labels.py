"""Labels of states whose stored values are shared by several enums."""

from cmg_core.db.enums import DepositStatus, LineOutcome, QueueOutcome, QueueStatus, Role
from cmg_core.staff.labels import label


def test_shared_values_keep_the_label_of_their_own_enum():
    assert label(LineOutcome.APPLIED) == "traitée"
    assert label(QueueOutcome.APPLIED) == "traité manuellement"
    assert label(DepositStatus.PROCESSED) == "traité"
    assert label(QueueStatus.TAKEN) == "pris en charge"
    assert label(QueueStatus.RESOLVED) == "résolu"


def test_other_values_use_the_data_layer_labels():
    assert label(Role.GCA) == "gestionnaire conseil allocataire"


def test_journal_details_read_in_french():
    from cmg_core.staff.audit import details_text

    assert details_text({"reason": "wrong_password"}) == "motif : mot de passe erroné"
