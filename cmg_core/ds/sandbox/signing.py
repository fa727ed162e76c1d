"""Signed, expiring tokens: file URLs, direct-upload URLs and `signedBlobId`s (HMAC-SHA256)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any


def sign(secret: bytes, purpose: str, payload: dict[str, Any]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload, sort_keys=True).encode()).decode()
    return f"{body.rstrip('=')}--{_mac(secret, purpose, body.rstrip('='))}"


def verify(secret: bytes, purpose: str, token: str) -> dict[str, Any] | None:
    """The payload of a token signed for `purpose`, or None when forged or malformed."""
    body, _, mac = token.rpartition("--")
    if not body or not hmac.compare_digest(mac, _mac(secret, purpose, body)):
        return None
    try:
        padded = body + "=" * (-len(body) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def _mac(secret: bytes, purpose: str, body: str) -> str:
    return hmac.new(secret, f"{purpose}:{body}".encode(), hashlib.sha256).hexdigest()[:40]
