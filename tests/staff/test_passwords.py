"""The dummy hash that keeps unknown e-mails as slow as known ones is precomputed, and real."""

from __future__ import annotations

import pytest
from argon2.exceptions import VerifyMismatchError

from cmg_core.staff import passwords


def test_the_dummy_hash_has_the_parameters_of_every_new_hash():
    # Same parameters, same verification time: an unknown e-mail cannot be told apart.
    assert not passwords._HASHER.check_needs_rehash(passwords._DUMMY_HASH)
    assert passwords.needs_rehash(passwords.hash_password("a-long-enough-password")) is False


def test_an_unknown_account_runs_a_full_argon2_verification_and_fails():
    with pytest.raises(VerifyMismatchError):  # a mismatch, computed: not a malformed hash
        passwords._HASHER.verify(passwords._DUMMY_HASH, "any password at all")
    assert passwords.verify_password(None, "not-a-real-password-only-for-timing") is False
