"""DS global ids: base64 of "<Type>-<key>", as DS (graphql-ruby) builds them."""

from __future__ import annotations

import base64
import binascii


def global_id(kind: str, key: int | str) -> str:
    """The global id of object `key` of type `kind`, e.g. `global_id("Dossier", 7)`."""
    return base64.b64encode(f"{kind}-{key}".encode()).decode("ascii")


def parse_global_id(value: str, kind: str) -> str | None:
    """The key inside a global id of type `kind`, or None when it is not one."""
    try:
        decoded = base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    prefix = f"{kind}-"
    return decoded[len(prefix) :] if decoded.startswith(prefix) else None


def parse_int_id(value: str, kind: str) -> int | None:
    """The integer key inside a global id of type `kind`, or None."""
    key = parse_global_id(value, kind)
    return int(key) if key is not None and key.isdigit() else None
