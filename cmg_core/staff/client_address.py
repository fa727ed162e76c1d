"""The address a sign-in attempt comes from, as far as the portal can trust it.

Behind a reverse proxy the connection comes from the proxy; the proxy names the client in
`X-Forwarded-For`. Only proxies listed in `CMG_TRUSTED_PROXIES` are believed: the client is
the right-most address of the chain that is not a trusted proxy.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from cmg_core import settings

LOOPBACK = "127.0.0.1"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(text: str) -> tuple[Network, ...]:
    """`"10.0.0.5, 192.168.0.0/24"` → the networks; a malformed entry is a settings error."""
    try:
        return tuple(
            ipaddress.ip_network(p.strip(), strict=False) for p in text.split(",") if p.strip()
        )
    except ValueError as error:
        raise ValueError(f"CMG_TRUSTED_PROXIES : adresse ou réseau invalide ({error}).") from error


def _normalised(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return text.strip()[:45]


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str | None, forwarded_for: str | None, trusted: str | None = None) -> str:
    """The client's address: the peer itself, unless it is a trusted proxy, in which case the
    forwarded chain is read from the right past every trusted proxy."""
    networks = trusted_networks(settings.get("CMG_TRUSTED_PROXIES") if trusted is None else trusted)
    chain = [_normalised(a) for a in (forwarded_for or "").split(",") if a.strip()]
    chain.append(_normalised(peer or LOOPBACK))  # Streamlit reports a local peer as None
    for address in reversed(chain):
        if not _trusted(address, networks):
            return address
    return chain[0]
