"""Passwords: the dummy hash that keeps unknown e-mails as slow as known ones is precomputed and
real; the rules refuse short, blank, repeated, French commonplace and easily guessed passwords."""

from __future__ import annotations

import pytest
from argon2.exceptions import VerifyMismatchError

from cmg_core.staff import passwords
from cmg_core.staff.passwords import WeakPasswordError, check_policy


def test_the_dummy_hash_has_the_parameters_of_every_new_hash():
    # Same parameters, same verification time: an unknown e-mail cannot be told apart.
    assert not passwords._HASHER.check_needs_rehash(passwords._DUMMY_HASH)
    assert passwords.needs_rehash(passwords.hash_password("a-long-enough-password")) is False


def test_an_unknown_account_runs_a_full_argon2_verification_and_fails():
    with pytest.raises(VerifyMismatchError):  # a mismatch, computed: not a malformed hash
        passwords._HASHER.verify(passwords._DUMMY_HASH, "any password at all")
    assert passwords.verify_password(None, "not-a-real-password-only-for-timing") is False


@pytest.mark.parametrize(
    "password",
    [
        "azertyuiop12",
        "motdepasse123",
        "qsdfghjklm12",
        "jetaime123456",
        "Soleil-Soleil!",
        "aaaaaaaaaaaa",
        "ababababababab",
        "            ",
        "\t\t\t\t\t\t\t\t\t\t\t\t",
        "123456789012",
        "court",
    ],
)
def test_weak_passwords_are_refused_with_a_french_reason(password):
    with pytest.raises(WeakPasswordError, match=r"mot de passe|Mot de passe"):
        check_policy(password)


def test_a_password_made_of_the_person_s_own_address_is_refused():
    with pytest.raises(WeakPasswordError):
        check_policy("claire.gca-2026", ["claire.gca@caf.fr"])


@pytest.mark.parametrize(
    "password", ["un-mot-de-passe-solide", "Caf49-Angers-Lundi", "cheval bleu tasse fenêtre"]
)
def test_long_unusual_passwords_and_passphrases_are_accepted(password):
    check_policy(password, ["claire.gca@caf.fr"])
