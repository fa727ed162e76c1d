"""Production guards: a real DS is never called with the sandbox's demo token or instructeur.

The sandbox's token and instructeur are the defaults of CMG_DS_TOKEN and CMG_DS_INSTRUCTEUR_ID,
so a deployment that points CMG_DS_URL at the real DS and forgets either would only fail later,
with 401s or refused decisions. `configured()` reads the three settings and, when CMG_DS_URL is
not a loopback address, refuses the demo values before any network call: every command that
calls DS gets its settings here and exits 2 with the French line(s).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from cmg_core import settings


class DSConfigurationError(Exception):
    """DS is configured in a way that must not reach the network: one French line per reason."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


@dataclass(frozen=True)
class DSSettings:
    base_url: str
    token: str
    instructeur_id: str

    def __repr__(self) -> str:  # never shows the token
        return f"DSSettings(base_url={self.base_url!r})"

    @property
    def is_sandbox(self) -> bool:
        return is_loopback(self.base_url)

    def describe(self) -> str:
        """« le bac à sable DS local (http://127.0.0.1:8765) » or « le DS réel (https://…) »."""
        if self.is_sandbox:
            return f"le bac à sable DS local ({self.base_url})"
        return f"le DS réel ({self.base_url})"


def is_loopback(url: str) -> bool:
    """Whether `url` names this machine (localhost, 127.0.0.0/8, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def problems(ds: DSSettings) -> list[str]:
    """Why these settings must not be used (French lines); empty when they may."""
    if ds.is_sandbox:
        return []
    where = f"CMG_DS_URL désigne un DS réel ({ds.base_url})"
    found = []
    if ds.token == settings.SANDBOX_TOKEN:
        found.append(
            f"{where} : définissez CMG_DS_TOKEN (un jeton d'API instructeur) ; le jeton "
            "de démonstration du bac à sable n'y est pas envoyé."
        )
    if ds.instructeur_id == settings.SANDBOX_INSTRUCTEUR_ID:
        found.append(
            f"{where} : définissez CMG_DS_INSTRUCTEUR_ID (l'identifiant de l'instructeur) ; "
            "l'instructeur de démonstration du bac à sable n'y existe pas."
        )
    return found


def configured() -> DSSettings:
    """CMG_DS_URL, CMG_DS_TOKEN and CMG_DS_INSTRUCTEUR_ID, refused (`DSConfigurationError`)
    when they would send the sandbox's demo values to a real DS."""
    ds = DSSettings(
        settings.get("CMG_DS_URL"),
        settings.get("CMG_DS_TOKEN"),
        settings.get("CMG_DS_INSTRUCTEUR_ID"),
    )
    found = problems(ds)
    if found:
        raise DSConfigurationError(found)
    return ds
