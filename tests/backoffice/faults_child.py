"""Run by the fault test in a subprocess that it kills with SIGKILL: the whole back office
once, with the scenario's fixed options and the given claim time (seconds)."""

from __future__ import annotations

import sys
from datetime import timedelta

from cmg_core.backoffice.context import DSConfig
from cmg_core.backoffice.runner import RunOptions, run_all
from cmg_core.settings import SANDBOX_INSTRUCTEUR_ID, SANDBOX_TOKEN
from tests.backoffice.world import NOW, TODAY

if __name__ == "__main__":
    url, ds_url, storage_dir, ttl = sys.argv[1:5]
    ds = DSConfig(ds_url, SANDBOX_TOKEN, SANDBOX_INSTRUCTEUR_ID, timeout=10.0)
    claim_ttl = timedelta(seconds=float(ttl))
    run_all(RunOptions(url=url, ds=ds, storage_dir=storage_dir, today=TODAY, now=NOW,
                       claim_ttl=claim_ttl))  # fmt: skip
