"""Password hashing (argon2id) and the password rules for local staff accounts.

A password must be long enough, hard to guess according to zxcvbn (a maintained estimator,
pinned in requirements.txt) and free of the French commonplaces zxcvbn does not know (AZERTY
rows, « motdepasse », « soleil »…); blanks and one repeated character are refused outright.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn's 0–4 scale: 3 is "safely unguessable" for an online attack
RULE = (
    f"Au moins {MIN_LENGTH} caractères, difficile à deviner : évitez les mots courants, les suites "
    "du clavier, les répétitions et votre adresse ; une phrase de quatre mots fait l'affaire."
)
# French words and keyboard rows zxcvbn's English-centred lists miss; a password made only of
# these (with digits, symbols and blanks around them) is refused.
FRENCH_COMMONPLACES = (
    "azertyuiop", "qsdfghjklm", "wxcvbn", "azerty", "motdepasse", "mdp", "password",
    "bonjour", "bonsoir", "salut", "soleil", "jetaime", "chouchou", "doudou", "loulou",
    "nounours", "coucou", "marseille", "paris", "france", "allez", "caf", "cmg",
    "allocations", "familiales", "famille", "admin", "agent", "gca", "secret", "merci",
)  # fmt: skip
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the e-mail is unknown, so that an unknown account takes as long as a known one.
# Precomputed (hashing at import would cost every command ~0.1 s) with `_HASHER`'s parameters;
# a test fails when the library's defaults change and it needs computing again.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$WgHtjT7JqBhhcE1qZkVcNA$Ns69PMxnwcnbiGaqEy0nQIH0m8DqSnvgPfwhbYvzelg"
)


class WeakPasswordError(ValueError):
    """The password does not follow the rules (the message is French, for people)."""


def _letters(text: str) -> str:
    """Lower-case letters only, accents removed: `« Mot de passe ! »` → `motdepasse`."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain)


def _only_commonplaces(password: str, user_inputs: Iterable[str]) -> bool:
    rest = _letters(password)
    words = sorted({*FRENCH_COMMONPLACES, *filter(None, map(_letters, user_inputs))}, key=len)
    for word in reversed(words):  # longest first
        if len(word) >= 3:
            rest = rest.replace(word, "")
    return len(rest) < 4


def check_policy(password: str, user_inputs: Iterable[str] = ()) -> None:
    """Refuse a password that is short, blank, one repeated character, made of French
    commonplaces or the person's own e-mail, or easy to guess for zxcvbn."""
    inputs = [part for text in user_inputs for part in re.split(r"[@._\-\s]+", text) if part]
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères.")
    if not password.strip() or len(set(password)) <= 2:
        raise WeakPasswordError(
            "Le mot de passe ne peut pas être fait de blancs ou d'un caractère répété."
        )
    if _only_commonplaces(password, inputs):
        raise WeakPasswordError(
            "Ce mot de passe est fait de mots ou de suites trop courants (par exemple « azerty » "
            "ou « motdepasse ») : choisissez-en un autre. " + RULE
        )
    from zxcvbn import zxcvbn  # its dictionaries load on first use, not with every command

    if zxcvbn(password[:100], user_inputs=inputs)["score"] < MIN_SCORE:
        raise WeakPasswordError("Ce mot de passe est trop facile à deviner. " + RULE)


def hash_password(password: str, user_inputs: Iterable[str] = ()) -> str:
    """The argon2id hash of a password that follows the rules."""
    check_policy(password, user_inputs)
    return _HASHER.hash(password)


def rehash(password: str) -> str:
    """A fresh hash of a password that just proved right (rules not re-checked)."""
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
