"""The back office's per-deposit probes use the (deposit_id, attestation_id) index on SQLite,
not a single-column index that would scan the lines of every deposit (100,000 in the bench)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cmg_core.backoffice import absent, attestations
from cmg_core.db import migrate
from cmg_core.db.session import make_engine

INDEX = "ix_deposit_lines_deposit_id_attestation_id"


def plan(url: str, query: sa.Select) -> list[str]:
    engine = make_engine(url)
    try:
        sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    finally:
        engine.dispose()
    return [row[-1] for row in rows]


@pytest.mark.parametrize(
    "query",
    [attestations._to_do(), absent._complete()],
    ids=["attestations: unlinked lines", "processing: pending lines"],
)
def test_deposit_line_probes_search_the_deposit_index(tmp_path, query):
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    migrate.upgrade(url)
    steps = [step for step in plan(url, query) if "deposit_lines" in step]
    assert steps, plan(url, query)
    assert all(step.startswith("SEARCH") and INDEX in step for step in steps), steps
