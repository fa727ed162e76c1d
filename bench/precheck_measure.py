"""One pre-check benchmark measurement, run in its own process so peak memory is its own.

`python -m bench.precheck_measure WHAT FILE [REPEAT]` prints one JSON object: the best wall
time of REPEAT runs (imports and one warm-up excluded), the resident memory before the first
run and the process's peak (ru_maxrss).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from bench.precheck_files import TODAY, table_schema


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def operation(what: str, path: Path):
    """The callable to time, with everything it imports loaded beforehand."""
    data = path.read_bytes()
    if what == "precheck":
        from cmg_core.precheck import check_workbook

        return lambda: check_workbook(data, path.name, today=TODAY)
    if what == "calamine":
        from cmg_core.workbook.reader import read_workbook

        return lambda: read_workbook(data)
    if what == "openpyxl":
        import io

        from openpyxl import load_workbook

        def naive():
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
            book.close()
            return rows

        return naive
    if what == "frictionless":
        from frictionless import Checklist, Resource, Schema

        schema = Schema.from_descriptor(table_schema())
        # Behaviours relied on: frictionless refuses an absolute path as unsafe (hence
        # basepath); it reads xlsx through openpyxl, row 1 as header; it reports a row shorter
        # than the header (an empty optional last cell, as Excel saves it) as "missing-cell",
        # which is skipped so a valid file is valid; every error is collected (no limit).
        checklist = Checklist(skip_errors=["missing-cell"])

        def frictionless_validate():
            resource = Resource(path.name, basepath=str(path.parent), schema=schema)
            return resource.validate(checklist, limit_errors=10**9)

        return frictionless_validate
    if what == "annotate":
        from cmg_core.precheck import check_workbook
        from cmg_core.workbook.annotate import annotate

        findings = check_workbook(data, path.name, today=TODAY).findings
        return lambda: annotate(data, findings)
    raise SystemExit(f"unknown measurement {what!r}")


def main() -> None:
    what, path = sys.argv[1], Path(sys.argv[2])
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    run = operation(what, path)
    before = _rss_mb()
    result = run()  # warm-up: lazy imports, caches
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    extra = {}
    if what == "precheck":
        extra = {"findings": len(result.findings), "valid": result.valid}
    elif what == "frictionless":
        extra = {"errors": result.stats["errors"], "valid": result.valid}
    print(json.dumps({"seconds": best, "rss_before_mb": before, "peak_mb": peak, **extra}))


if __name__ == "__main__":
    main()
