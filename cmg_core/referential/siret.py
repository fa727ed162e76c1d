"""SIRET checks through python-stdnum (`stdnum.fr.siret`, which knows La Poste's exception:
its establishments, SIREN 356000000, are valid when the sum of their digits is a multiple of 5),
a French answer for a wrong one, and valid numbers for the synthetic Caf.
"""

from __future__ import annotations

import random

from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

LA_POSTE_SIREN = "356000000"


def compact(value: str) -> str:
    """The SIRET without spaces, dots or dashes (as people type it)."""
    return stdnum_siret.compact(value or "")


def is_valid_siret(value: str) -> bool:
    return stdnum_siret.is_valid(value or "")


def is_valid_siren(value: str) -> bool:
    return stdnum_siren.is_valid(value or "")


def siret_problem(value: str) -> str | None:
    """What is wrong with a SIRET, in French, or None when it is valid."""
    try:
        stdnum_siret.validate(value or "")
    except InvalidFormat:
        return f"le SIRET « {value} » ne doit contenir que des chiffres (14 chiffres)"
    except InvalidLength:
        return f"le SIRET « {value} » doit compter 14 chiffres (il en compte {len(compact(value))})"
    except InvalidChecksum:
        return (
            f"le SIRET « {value} » n'est pas valide (erreur de saisie probable : clé de contrôle)"
        )
    return None


def random_siren(rng: random.Random) -> str:
    """A valid SIREN (never La Poste's)."""
    while True:
        head = f"{rng.randrange(10**7, 10**8):08d}"
        value = head + luhn.calc_check_digit(head)
        if value != LA_POSTE_SIREN:
            return value


def random_siret(rng: random.Random, siren: str | None = None) -> str:
    """A valid SIRET of `siren` (a random SIREN by default)."""
    siren = siren or random_siren(rng)
    if siren == LA_POSTE_SIREN:
        return la_poste_siret(rng)
    head = f"{siren}{rng.randrange(1, 10**4):04d}"
    return head + luhn.calc_check_digit(head)


def la_poste_siret(rng: random.Random) -> str:
    """A valid SIRET of a La Poste establishment (digit sum a multiple of 5)."""
    head = f"{LA_POSTE_SIREN}{rng.randrange(1, 10**4):04d}"
    last = (5 - sum(map(int, head)) % 5) % 5 + 5 * rng.randrange(2)
    return head + str(last)
