"""Workbook layer timings: safe reading of 5,000 and 50,000 MC rows (with the share of the
guards and the formula scan) and the annotated copy of 5,000 rows with 500 faulty cells."""

from __future__ import annotations

import io
import random
import statistics
import time
import tracemalloc
import zipfile
from collections.abc import Callable

from python_calamine import CalamineWorkbook

from cmg_core.findings import Finding, Severity
from cmg_core.workbook.annotate import annotate
from cmg_core.workbook.reader import check_package, read_workbook
from cmg_core.workbook.sheetxml import scan_sheet
from tests.workbook import fixtures

RUNS = 5


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Best and median wall time of `RUNS` runs, in seconds."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def python_peak_mb(action: Callable[[], object]) -> float:
    """Peak of Python allocations during one run (calamine's own Rust memory not included)."""
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def faulty_cells(count: int, rows: int, seed: int = 3) -> list[Finding]:
    rng = random.Random(seed)
    cells = rng.sample([(r, c) for r in range(2, rows + 2) for c in "ABCDEFGHI"], count)
    return [
        Finding(
            "hours.invalid",
            rng.choice((Severity.ERROR, Severity.WARNING)),
            row,
            column,
            "TOTAL NB HEURE DE GARDE (Y COMPRIS HEURES SPECIFIQUES)",
            "15,5",
            "Le nombre d'heures « 15,5 » n'est pas un nombre entier.",
            "Arrondissez à l'heure inférieure : indiquez 15.",
        )
        for row, column in cells
    ]


def main() -> None:
    print("generating MC files (openpyxl write-only)…", flush=True)
    files = {rows: fixtures.mc_workbook(rows) for rows in (5_000, 50_000)}
    print(f"{'':28}{'best':>9}{'median':>9}")
    for rows, data in files.items():
        size = len(data) / 2**20
        read = timed(lambda data=data: read_workbook(data))
        guards = timed(lambda data=data: check_package(data))
        calamine = timed(
            lambda data=data: (
                CalamineWorkbook.from_filelike(io.BytesIO(data))
                .get_sheet_by_index(0)
                .to_python(skip_empty_area=False)
            )
        )
        print(f"read {rows:>6} rows ({size:.1f} MB){read[0]:>9.3f}{read[1]:>9.3f}  s")
        print(f"  guards + XML scan        {guards[0]:>9.3f}{guards[1]:>9.3f}  s", end="")
        print(f"  ({guards[0] / read[0]:.0%} of the read)")
        xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
        scan = timed(lambda xml=xml: scan_sheet(xml))
        print(f"  of which sheet XML scan  {scan[0]:>9.3f}{scan[1]:>9.3f}  s", end="")
        print(f"  ({scan[0] / read[0]:.0%}; {len(xml) / 2**20:.0f} MB of XML)")
        print(f"  calamine alone           {calamine[0]:>9.3f}{calamine[1]:>9.3f}  s")
        peak = python_peak_mb(lambda data=data: read_workbook(data))
        print(f"  peak Python memory       {peak:>9.0f} MB")
    findings = faulty_cells(500, 5_000)
    annotated = timed(lambda: annotate(files[5_000], findings))
    print(f"annotate 5000 rows, 500 cells{annotated[0]:>7.3f}{annotated[1]:>9.3f}  s")
    peak = python_peak_mb(lambda: annotate(files[5_000], findings))
    print(f"  peak Python memory       {peak:>9.0f} MB")


if __name__ == "__main__":
    main()
