"""Document rendering throughput: 3,000 attestation PDFs (1–3 children) in one process, and a
bilan of 250 lines as PDF and xlsx. Target: at least 800 attestation PDFs per second per core.

CPU time (`time.process_time`) is reported next to wall time: on a shared machine it is the
fairer "per core" figure.
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, datetime
from decimal import Decimal

from cmg_core.documents.attestation_pdf import render_attestation
from cmg_core.documents.bilan_pdf import render_bilan_pdf
from cmg_core.documents.bilan_xlsx import render_bilan_xlsx
from cmg_core.documents.model import (
    Attestation,
    Bilan,
    BilanLine,
    Caf,
    ChildCare,
    Outcome,
    Structure,
)
from cmg_core.values import Month

COUNT = 3_000
BATCH = 1_000
BILAN_LINES = 250
TARGET = 800
CAF = Caf("Caf de Maine-et-Loire", "493")
LAST_NAMES = ("Martin", "Lefèvre", "Dubois", "Côté", "Nguyễn", "Wiśniewski", "Garçon", "Müller")
FIRST_NAMES = ("Léa", "Hugo", "Zoé", "Jérôme", "Inès", "Łukasz", "Maëlys", "Noé", "Anaïs")
MC = Structure("12345678900012", "Micro-crèche Les Petits Loups", "MC", "Angers")
GAD = Structure("98765432100021", "Aide à domicile de l'Aubance", "GAD", "Brissac")


def attestations(count: int, seed: int = 11) -> list[Attestation]:
    """Realistic attestations: four in five from micro-crèches with 1 to 3 children."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        is_mc = index % 5 != 0
        children = []
        for _ in range(rng.randint(1, 3) if is_mc else 1):
            hours = rng.randint(0, 200)
            children.append(
                ChildCare(
                    rng.choice(LAST_NAMES) if is_mc else None,
                    rng.choice(FIRST_NAMES) if is_mc else None,
                    date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
                    if is_mc
                    else None,
                    hours,
                    rng.randint(0, min(hours, 30)),
                    (Decimal(hours) * Decimal("8.35")).quantize(Decimal("0.01")),
                    date(2026, 3, rng.randint(1, 31)) if rng.random() < 0.1 else None,
                )
            )
        result.append(
            Attestation(
                caf=CAF,
                structure=MC if is_mc else GAD,
                allocataire=f"{1_000_000 + index:07d}",
                month=Month(2026, 3),
                children=tuple(children),
                deposit_reference=str(20_260_000 + index // 40),
                deposited_on=date(2026, 4, 2),
                generated_at=datetime(2026, 4, 5, 14, 32),
            )
        )
    return result


def bilan(lines: int) -> Bilan:
    outcomes = (
        (Outcome.PROCESSED, "Attestation enregistrée.", ""),
        (Outcome.TO_MANAGER, "Dossier de la famille en cours de mise à jour.", ""),
        (Outcome.REJECTED, "Numéro allocataire inconnu.", "Vérifiez le numéro et corrigez."),
    )
    return Bilan(
        caf=CAF,
        structure=MC,
        month=Month(2026, 3),
        deposit_reference="20260412",
        deposited_on=date(2026, 4, 2),
        processed_at=datetime(2026, 4, 6, 9, 5),
        lines=tuple(
            BilanLine(i + 3, f"{1_000_000 + i:07d}", f"Enfant {i}", *outcomes[i % 3])
            for i in range(lines)
        ),
    )


def _timed(function, *args) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    items = attestations(COUNT)
    render_attestation(items[0])  # warm the caches (font metrics, transliteration)
    batches = [items[i : i + BATCH] for i in range(0, COUNT, BATCH)]
    rates, total_wall, total_cpu, size = [], 0.0, 0.0, 0
    for batch in batches:
        wall, cpu, batch_size = _timed(lambda b=batch: sum(len(render_attestation(a)) for a in b))
        rates.append(len(batch) / cpu)
        total_wall, total_cpu, size = total_wall + wall, total_cpu + cpu, size + batch_size
    print(
        f"attestations: {COUNT} PDFs in {total_wall:.2f} s wall ({COUNT / total_wall:,.0f}/s), "
        f"{total_cpu:.2f} s CPU: {COUNT / total_cpu:,.0f} PDFs per second per core "
        f"(best batch of {BATCH}: {max(rates):,.0f}/s; target {TARGET}); "
        f"{size / COUNT / 1024:.1f} KiB each; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    b = bilan(BILAN_LINES)
    wall, cpu, pdf = _timed(render_bilan_pdf, b)
    print(
        f"bilan PDF of {BILAN_LINES} lines: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, "
        f"{len(pdf) / 1024:.0f} KiB"
    )
    wall, cpu, xlsx = _timed(render_bilan_xlsx, b)
    print(
        f"bilan xlsx of {BILAN_LINES} lines: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, "
        f"{len(xlsx) / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
