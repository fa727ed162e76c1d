"""The documented shape of the synthetic Caf, in one place.

`python -m cmg_core seed` builds, deterministically from `SEED`:

- `PARTNERS_MC` = 12 micro-crèches and `PARTNERS_GAD` = 8 garde à domicile providers, all in
  Maine-et-Loire, each with a valid SIRET, a convention, a habilitations manager and 1 to 3
  habilitated staff;
- `FAMILIES` = 2,000 allocataires, each with 1 to 3 children under 6 (and sometimes an older
  sibling), each cared for by one partner (`MC_FAMILY_SHARE` = 20 % by a micro-crèche);
- exactly `round(share × families)` families in each of these disjoint groups, so that every
  processing path of SPEC §4 occurs:

  | group | share | processing path |
  |---|---|---|
  | twins (two children born the same day, at a micro-crèche) | `TWINS_SHARE` = 2 % | `twins` |
  | record locked, "dossier en cours de mise à jour" | `LOCKED_SHARE` = 4 % | `file_being_updated` |
  | CMG claim not yet known to the Caf | `UNKNOWN_CLAIM_SHARE` = 5 % | `cmg_claim_unknown` |
  | not affiliated to this Caf (moved away) | `NOT_AFFILIATED_SHARE` = 3 % | `not_affiliated` |

- `TURNING_SIX_SHARE` = 3 % of families have a child whose 6th birthday falls in the last
  elapsed month (the pre-check's `birth.sixth_birthday_month`);
- `child_not_found` comes from declarations naming a child the Caf does not know (see
  `cmg_core.referential.declarations`).
"""

from __future__ import annotations

SEED = 4_930_049  # the Caf code and department, for a stable synthetic world
PARTNERS_MC = 12
PARTNERS_GAD = 8
FAMILIES = 2_000
MC_FAMILY_SHARE = 0.20

TWINS_SHARE = 0.02
LOCKED_SHARE = 0.04
UNKNOWN_CLAIM_SHARE = 0.05
NOT_AFFILIATED_SHARE = 0.03
TURNING_SIX_SHARE = 0.03

# The groups whose shares `status` reports, in the order it prints them.
DOCUMENTED_SHARES: dict[str, float] = {
    "twins": TWINS_SHARE,
    "locked": LOCKED_SHARE,
    "unknown_claim": UNKNOWN_CLAIM_SHARE,
    "not_affiliated": NOT_AFFILIATED_SHARE,
}


def group_size(share: float, families: int) -> int:
    """How many families a documented share means for a Caf of `families` families."""
    return round(share * families)
