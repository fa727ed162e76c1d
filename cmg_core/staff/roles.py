"""Which staff role may open which area of the portal (SPEC §5, issue #7).

Roles are ranked: an `agent` reads dashboards, deposits and bilans; a `gca` also works the
manual queue; an `admin` may do everything, including habilitations, partners, runs, e-mails,
accounts and the journal. Pages check their area on the server side through `may_open`.
"""

from __future__ import annotations

from enum import StrEnum

from cmg_core.db.enums import Role

RANK: dict[Role, int] = {Role.AGENT: 1, Role.GCA: 2, Role.ADMIN: 3}


class Area(StrEnum):
    DASHBOARD = "dashboard"
    DEPOSITS = "deposits"
    BILANS = "bilans"
    QUEUE = "queue"
    HABILITATIONS = "habilitations"
    PARTNERS = "partners"
    RUNS = "runs"
    MAIL = "mail"
    ACCOUNTS = "accounts"
    JOURNAL = "journal"


MINIMUM_ROLE: dict[Area, Role] = {
    Area.DASHBOARD: Role.AGENT,
    Area.DEPOSITS: Role.AGENT,
    Area.BILANS: Role.AGENT,
    Area.QUEUE: Role.GCA,
    Area.HABILITATIONS: Role.ADMIN,
    Area.PARTNERS: Role.ADMIN,
    Area.RUNS: Role.ADMIN,
    Area.MAIL: Role.ADMIN,
    Area.ACCOUNTS: Role.ADMIN,
    Area.JOURNAL: Role.ADMIN,
}


def may_open(role: Role | str | None, area: Area) -> bool:
    """True when `role` is at least the role the area needs; no role opens nothing."""
    if role is None:
        return False
    return RANK[Role(role)] >= RANK[MINIMUM_ROLE[area]]
