"""Browser fixtures: the real portal on a free port and Debian's headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.portal import chromium, running_portal


@pytest.fixture(scope="module")
def portal_url(chromium_path: str) -> Iterator[str]:
    with running_portal() as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[object]:
    with chromium(chromium_path) as launched:
        yield launched
