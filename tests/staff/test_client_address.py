"""The client address behind trusted proxies only."""

from __future__ import annotations

import pytest

from cmg_core.staff.client_address import client_address


def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_address("203.0.113.9", "198.51.100.7", trusted="") == "203.0.113.9"


def test_a_trusted_proxy_names_the_client():
    assert client_address("10.0.0.5", "198.51.100.7", trusted="10.0.0.0/8") == "198.51.100.7"


def test_a_client_cannot_forge_its_address_past_the_trusted_proxy():
    chain = "192.0.2.66, 198.51.100.7"  # the first entry is whatever the client wrote
    assert client_address("10.0.0.5", chain, trusted="10.0.0.5") == "198.51.100.7"


def test_a_local_peer_reported_as_none_is_the_loopback_address():
    assert client_address(None, None, trusted="") == "127.0.0.1"
    assert client_address(None, "198.51.100.7", trusted="127.0.0.1") == "198.51.100.7"


def test_a_malformed_trusted_proxy_setting_is_a_french_error():
    with pytest.raises(ValueError, match="CMG_TRUSTED_PROXIES"):
        client_address("10.0.0.5", None, trusted="pas-une-adresse")
