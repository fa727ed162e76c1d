"""`make bench`: runs every `bench_*` module of this package in name order, or those named."""

import importlib
import pkgutil
import sys

import bench

names = sys.argv[1:] or sorted(
    m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
)
for name in names:
    print(f"\n=== {name} ===", flush=True)
    importlib.import_module(f"bench.{name}").main()
