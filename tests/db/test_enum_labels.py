"""Every stored state has its own French label, even when two enums share a value."""

import enum

from cmg_core.db import enums

ENUMS = [
    value
    for value in vars(enums).values()
    if isinstance(value, type) and issubclass(value, enum.StrEnum) and value is not enum.StrEnum
]


def test_every_member_of_every_enum_has_a_label():
    for enum_type in ENUMS:
        for member in enum_type:
            assert enums.label(member).strip()


def test_members_sharing_a_value_keep_their_own_label():
    assert enums.LineOutcome.APPLIED == enums.QueueOutcome.APPLIED  # same stored text
    assert enums.label(enums.LineOutcome.APPLIED) == "traitée"
    assert enums.label(enums.QueueOutcome.APPLIED) == "traité manuellement"
    assert enums.label(enums.QueueStatus.TAKEN) == "pris en charge"
    assert enums.label(enums.QueueAction.TAKEN) == "prise en charge"


def test_a_capitalised_label_keeps_its_acronyms():
    assert enums.capitalised(enums.QueueReason.CMG_CLAIM_UNKNOWN) == (
        "Demande de CMG non encore connue"
    )
