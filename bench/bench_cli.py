"""Command-line benchmark: what a person waits for, whole process included.

Median wall and CPU time (user + system, which a shared machine disturbs less) of `REPEAT`
runs of: `--help`; `precheck` of a 12-line and of a 20,000-line MC file; `frictionless
validate` of the same two files with a typed Table Schema (the baseline). The CLI's marginal
cost on 20,000 lines is its 20,000-line time minus its 12-line time; it is compared with
frictionless's the same way. Then the import time of the modules `precheck` loads, and the
in-process check of a valid 5,000-line file (median of 20, imports and warm-up excluded).
Targets (#16): `--help` ≤ 0.5 s, 12-line precheck ≤ 1.0 s, 5,000 lines ≤ 70 ms in process,
marginal cost ≥ 12× lower than frictionless.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.precheck_files import TODAY, mc_rows, table_schema, write_mc

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 3
CHECKS = 20


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Median (wall, CPU) seconds of `REPEAT` runs of `command` (its children's CPU)."""
    walls, cpus = [], []
    for _ in range(REPEAT):
        before = os.times()
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=True)
        walls.append(time.perf_counter() - started)
        after = os.times()
        cpus.append(
            after.children_user - before.children_user + after.children_system
            - before.children_system
        )  # fmt: skip
    return statistics.median(walls), statistics.median(cpus)


def in_process(path: Path) -> float:
    """Median seconds of `check_workbook` on `path`, in a fresh interpreter."""
    script = (
        "import json, statistics, time\n"
        "from pathlib import Path\n"
        "from cmg_core.precheck import check_workbook\n"
        f"data = Path({str(path)!r}).read_bytes()\n"
        f"today = __import__('datetime').date.fromisoformat({TODAY.isoformat()!r})\n"
        "report = check_workbook(data, 'f.xlsx', today=today)\n"
        "assert report.valid, report.findings[:3]\n"
        "times = []\n"
        f"for _ in range({CHECKS}):\n"
        "    t = time.perf_counter(); check_workbook(data, 'f.xlsx', today=today)\n"
        "    times.append(time.perf_counter() - t)\n"
        "print(json.dumps(statistics.median(times)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return json.loads(out.splitlines()[-1])


def import_seconds(module: str) -> float:
    """Median seconds to import `module` in a fresh interpreter (interpreter start excluded)."""
    script = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    command = [sys.executable, "-c", script]
    runs = []
    for _ in range(REPEAT):
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(float(done.stdout))
    return statistics.median(runs)


def main() -> None:
    cli = [sys.executable, "-m", "cmg_core"]
    # frictionless refuses absolute paths (unsafe): it runs in the files' folder; a row shorter
    # than the header (an empty last cell, as Excel saves it) is "missing-cell", skipped so a
    # valid file is valid; every error is collected (no limit)
    frictionless = [str(Path(sys.executable).with_name("frictionless")), "validate",
                    "--schema", "schema.json", "--skip-errors", "missing-cell",
                    "--limit-errors", str(10**9)]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as folder:
        small = write_mc(Path(folder) / "mc-12.xlsx", mc_rows(12))
        large = write_mc(Path(folder) / "mc-20000.xlsx", mc_rows(20_000))
        medium = write_mc(Path(folder) / "mc-5000.xlsx", mc_rows(5_000))
        schema = Path(folder) / "schema.json"
        schema.write_text(json.dumps(table_schema()), encoding="utf-8")
        today = ["--today", TODAY.isoformat()]
        rows = {
            "--help": timed([*cli, "--help"]),
            "precheck, 12 lignes": timed([*cli, "precheck", str(small), *today]),
            "precheck, 20 000 lignes": timed([*cli, "precheck", str(large), *today]),
            "frictionless, 12 lignes": timed([*frictionless, small.name], Path(folder)),
            "frictionless, 20 000 lignes": timed([*frictionless, large.name], Path(folder)),
        }
        check = in_process(medium)
    print(f"charge de la machine : {os.getloadavg()[0]:.1f} (moyenne sur 1 min)")
    print(f"{'commande':<30} | {'mur (s)':>8} | {'CPU (s)':>8}")
    for name, (wall, cpu) in rows.items():
        print(f"{name:<30} | {wall:>8.3f} | {cpu:>8.3f}")
    for measure, index in (("mur", 0), ("CPU", 1)):
        ours = rows["precheck, 20 000 lignes"][index] - rows["precheck, 12 lignes"][index]
        theirs = rows["frictionless, 20 000 lignes"][index] - rows["frictionless, 12 lignes"][index]
        print(f"coût marginal de 20 000 lignes ({measure}) : {ours:.3f} s contre "
              f"{theirs:.3f} s pour frictionless, {theirs / ours:.1f}× moins")  # fmt: skip
    print(f"contrôle d'un fichier valide de 5 000 lignes, en processus : {check * 1000:.0f} ms")
    for module in ("cmg_core.cli.precheck", "cmg_core.precheck", "openpyxl"):
        print(f"import {module} : {import_seconds(module):.3f} s")


if __name__ == "__main__":
    main()
