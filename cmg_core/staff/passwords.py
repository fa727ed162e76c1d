"""Password hashing (argon2id) and the minimum password policy for local staff accounts."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the e-mail is unknown, so that an unknown account takes as long as a known one.
# Precomputed (hashing at import would cost every command ~0.1 s) with `_HASHER`'s parameters;
# a test fails when the library's defaults change and it needs computing again.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$WgHtjT7JqBhhcE1qZkVcNA$Ns69PMxnwcnbiGaqEy0nQIH0m8DqSnvgPfwhbYvzelg"
)


class WeakPasswordError(ValueError):
    """The password does not follow the policy (the message is French, for people)."""


def check_policy(password: str) -> None:
    """Refuse passwords shorter than `MIN_LENGTH` characters."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères.")


def hash_password(password: str) -> str:
    """The argon2id hash of a password that follows the policy."""
    check_policy(password)
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches the hash; False for any mismatch or unusable hash."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with older parameters than today's."""
    return _HASHER.check_needs_rehash(password_hash)
