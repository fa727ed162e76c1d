"""SIREN and SIRET: validation (Luhn, with La Poste's exception) and generation.

A SIREN (9 digits) and a SIRET (SIREN + 5-digit NIC) pass the Luhn check. La Poste's
establishments (SIREN 356000000) are numbered otherwise: a SIRET of that SIREN is valid when the
sum of its digits is a multiple of 5 (its head office, 35600000000048, also passes Luhn).
"""

from __future__ import annotations

import random

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check."""
    return digits.isdigit() and _luhn_sum(digits) % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit to append to `partial` so that the whole passes Luhn."""
    return str((10 - _luhn_sum(partial + "0")) % 10)


def is_valid_siren(value: str) -> bool:
    return len(value) == 9 and luhn_valid(value)


def is_valid_siret(value: str) -> bool:
    if len(value) != 14 or not value.isdigit():
        return False
    if luhn_valid(value):
        return True
    return value.startswith(LA_POSTE_SIREN) and sum(map(int, value)) % 5 == 0


def random_siren(rng: random.Random) -> str:
    """A valid SIREN (never La Poste's)."""
    while True:
        head = f"{rng.randrange(10**7, 10**8):08d}"
        siren = head + luhn_check_digit(head)
        if siren != LA_POSTE_SIREN:
            return siren


def random_siret(rng: random.Random, siren: str | None = None) -> str:
    """A valid SIRET of `siren` (a random SIREN by default)."""
    siren = siren or random_siren(rng)
    if siren == LA_POSTE_SIREN:
        return la_poste_siret(rng)
    head = f"{siren}{rng.randrange(1, 10**4):04d}"
    return head + luhn_check_digit(head)


def la_poste_siret(rng: random.Random) -> str:
    """A valid SIRET of a La Poste establishment (digit sum a multiple of 5)."""
    head = f"{LA_POSTE_SIREN}{rng.randrange(1, 10**4):04d}"
    last = (5 - sum(map(int, head)) % 5) % 5 + 5 * rng.randrange(2)
    return head + str(last)


def _luhn_sum(digits: str) -> int:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total
