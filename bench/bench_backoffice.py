"""The back office end to end: 100,000 declaration lines in 400 deposits (half micro-crèches,
half garde à domicile, 250 lines each) through every stage, against the DS sandbox.

Targets on the 2-core machine: ≤ 5 minutes with SQLite and one worker; ≥ 800 attestation PDFs
per second per core; two workers on PostgreSQL ≥ 1.6 × one. `--scale 0.1` runs a tenth of it.

    python -m bench.bench_backoffice [--scale 0.1] [--no-postgres]

Preparation (referential, workbooks, DS deposits) is not timed.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook

from cmg_core import templates
from cmg_core.backoffice.context import DSConfig
from cmg_core.backoffice.runner import RunOptions, run_all, run_workers
from cmg_core.db import migrate
from cmg_core.db.models import Allocataire, Child, CmgClaim, Habilitation, Partner, Run
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds.sandbox import Sandbox, UploadedFile
from cmg_core.settings import SANDBOX_INSTRUCTEUR_ID, SANDBOX_TOKEN

DEPOSITS, LINES = 400, 250
TODAY = date(2026, 11, 26)
MONTH = "10/2026"
FIRST = ("Léa", "Hugo", "Jade", "Louis", "Emma", "Nolan", "Inès", "Gabriel", "Zoé", "Arthur")
LAST = ("Martin", "Bernard", "Dubois", "Lefèvre", "Robert", "Richard", "Petit", "Durand")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POSTGRES = os.environ.get(
    "CMG_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def build_world(deposits: int, seed: int = 49):
    """Partners, families and the rows each partner declares: plain lists of dicts."""
    rng = random.Random(seed)
    partners, people, children, claims, files = [], [], [], [], []
    for p in range(deposits):
        kind = "MC" if p % 2 == 0 else "GAD"
        partners.append({"id": p + 1, "siret": f"{100_000_000 + p:09d}00012", "kind": kind,
                         "name": f"Structure {kind} n° {p + 1}", "commune": "Angers",
                         "convention_ref": f"CONV-B-{p + 1}",
                         "manager_email": f"gestion{p + 1}@bench.example"})  # fmt: skip
        rows: list[list[object]] = []
        while len(rows) < LINES:
            number = f"{1_000_000 + len(people):07d}"
            group = rng.choices(("", "twins", "locked", "unknown", "away"), (86, 2, 4, 5, 3))[0]
            people.append({"id": len(people) + 1, "number": number, "key_letter": "A",
                           "last_name": rng.choice(LAST), "first_name": rng.choice(FIRST),
                           "affiliated": group != "away",
                           "record_locked": group == "locked"})  # fmt: skip
            family = people[-1]
            claims.append({"allocataire_id": family["id"], "partner_id": p + 1, "kind": kind,
                           "known": group != "unknown", "start_month": "2025-01"})  # fmt: skip
            count = 2 if group == "twins" else rng.choices((1, 2), (75, 25))[0]
            born = date(2021, 1, 1) + timedelta(days=rng.randrange(1400))
            names = rng.sample(FIRST, count)
            for k in range(count):
                birth = born if group == "twins" else born + timedelta(days=400 * k)
                children.append({"allocataire_id": family["id"], "last_name": family["last_name"],
                                 "first_name": names[k], "birth_date": birth})  # fmt: skip
                if kind == "GAD" and k:
                    continue
                hours = rng.randint(16, 200)
                amount = round(hours * rng.uniform(5, 9.5), 2)
                if kind == "MC":
                    rows.append([MONTH, number, family["last_name"], names[k], birth, hours,
                                 rng.randint(0, 10), amount, None])  # fmt: skip
                else:
                    rows.append([MONTH, number, hours, rng.randint(0, 10), amount * 2, None])
        files.append((partners[-1], rows[:LINES]))
    return partners, people, children, claims, files


def workbook(kind: str, rows: list[list[object]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Déclaration")
    sheet.append(list(templates.get(kind).headers))
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def seed(url: str, world) -> None:
    partners, people, children, claims, _ = world
    migrate.upgrade(url)
    with session_scope(url) as session:
        session.execute(sa.insert(Partner), partners)
        session.execute(sa.insert(Allocataire), people)
        session.execute(sa.insert(Child), children)
        session.execute(sa.insert(CmgClaim), claims)
        session.execute(sa.insert(Habilitation), [{"partner_id": p["id"],
                        "email": f"agent{p['id']}@bench.example"} for p in partners])  # fmt: skip


def submit(sandbox: Sandbox, world, books: list[bytes]) -> None:
    for (partner, _), content in zip(world[4], books, strict=True):
        upload = UploadedFile(f"declaration-{partner['id']}.xlsx", content, XLSX)
        sandbox.submit(partner["kind"], siret=partner["siret"],
                       email=f"agent{partner['id']}@bench.example", files=[upload])  # fmt: skip


def fresh_postgres_schema() -> str:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(sa.text(f'create schema "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{separator}options=-csearch_path%3D{schema}"


def drop_postgres_schema(url: str) -> None:
    schema = url.rsplit("%3D", 1)[1]
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(sa.text(f'drop schema "{schema}" cascade'))
    engine.dispose()


def one_run(label: str, url: str, world, books, folder: Path, workers: int) -> float:
    """Seed, deposit, run every stage with `workers` processes; the timed seconds."""
    seed(url, world)
    with Sandbox(folder / f"ds-{label}.db") as sandbox:
        submit(sandbox, world, books)
        ds = DSConfig(sandbox.url, SANDBOX_TOKEN, SANDBOX_INSTRUCTEUR_ID, timeout=60.0)
        options = RunOptions(url=url, ds=ds, storage_dir=str(folder / f"storage-{label}"),
                             today=TODAY, now=datetime(2026, 11, 26, 9, tzinfo=UTC))  # fmt: skip
        started = time.perf_counter()
        if workers == 1:
            results = run_all(replace(options))
            stages = {r.stage: r.seconds for r in results}
        else:
            assert run_workers(workers, options) == [0] * workers
            stages = {}
        seconds = time.perf_counter() - started
    with session_scope(url) as session:
        count = lambda sql: session.execute(sa.text(sql)).scalar()  # noqa: E731
        made = count("select count(*) from attestations")
        deposits = count("select count(*) from deposits")
        lines = count("select count(*) from deposit_lines")
        left = count("select count(*) from deposits where status <> 'processed'")
        failures = count("select coalesce(sum(failures), 0) from runs")
        done = Counter()  # what the runs say they did, over every worker
        for counts in session.scalars(sa.select(Run.counts)):
            done.update(counts or {})
    print(f"{label} : {lines:_} lignes, {made:_} attestations en {seconds:.1f} s "
          f"(dépôts non traités : {left}, échecs : {failures})".replace("_", " "))  # fmt: skip
    twice = {key: done[key] for key, expected in (("attestations", made), ("bilans", deposits),
             ("deposits_processed", deposits)) if done[key] != expected}  # fmt: skip
    print(f"   travail fait deux fois : {twice or 'aucun'}")
    if stages:
        print("   " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
        rate = made / stages["attestations"]
        print(f"   attestations PDF : {rate:.0f} par seconde sur un cœur (rendu, classement, "
              "enregistrement)")  # fmt: skip
    dispose_all()
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="part des 400 dépôts (1)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite seulement")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL seulement")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="nombres de workers PostgreSQL à mesurer (1 2)")  # fmt: skip
    args = parser.parse_args(argv or [])
    deposits = max(2, round(DEPOSITS * args.scale))
    world = build_world(deposits)
    started = time.perf_counter()
    books = [workbook(partner["kind"], rows) for partner, rows in world[4]]
    print(f"{deposits} dépôts, {deposits * LINES:_} lignes préparés en "
          f"{time.perf_counter() - started:.1f} s".replace("_", " "))  # fmt: skip
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not args.no_sqlite:
            sqlite = one_run("SQLite, 1 worker", f"sqlite:///{folder / 'bench.db'}", world,
                             books, folder, 1)  # fmt: skip
            print(f"   objectif ≤ 300 s : {'atteint' if sqlite <= 300 * args.scale else 'manqué'}")
        if args.no_postgres:
            return
        timings = {}
        for workers in args.workers:
            url = fresh_postgres_schema()
            try:
                timings[workers] = one_run(f"PostgreSQL, {workers} worker(s)", url, world, books,
                                           folder, workers)  # fmt: skip
            finally:
                drop_postgres_schema(url)
        if 1 in timings and 2 in timings:
            speedup = timings[1] / timings[2]
            print(f"PostgreSQL : 2 workers = {speedup:.2f} × 1 worker (objectif ≥ 1,6)")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
