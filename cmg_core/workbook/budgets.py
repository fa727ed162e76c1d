"""The reading budgets of an untrusted workbook (SPEC §3), in one place.

A file beyond one of them is refused (`file.too_large`, `file.suspicious`) before any reader
allocates from what the file claims; the README's table "Reading budgets" repeats them (a test
keeps the two equal). The isolated worker's own limits (`cmg_core.isolation`) are a second
line of defence for whatever a parser does within these budgets.
"""

from __future__ import annotations

MEGABYTE = 1024 * 1024

MAX_BYTES = 20 * MEGABYTE  # the file itself, as on DS (`file.too_large`)
MAX_DATA_ROWS = 50_000  # declaration lines
HEADER_ROOM = 20  # rows above the data where a (misplaced) header row is still looked for
MAX_ROW = MAX_DATA_ROWS + HEADER_ROOM  # the last row number a reference may name
MAX_COLUMNS = 64  # column BL
MAX_SHARED_STRINGS = 20 * MEGABYTE  # the shared-strings part, decompressed
MAX_DECOMPRESSED = 60 * MEGABYTE  # every member of the package together, decompressed
MAX_MEMBERS = 2_000  # parts in the package
MAX_RATIO = 100  # compression ratio of one member…
RATIO_MIN_SIZE = 10 * MEGABYTE  # …that counts only for a member at least this big

# What the isolated worker may use for one file (see `cmg_core.isolation`).
WORKER_MEMORY = 256 * MEGABYTE  # address space beyond the worker's own imports
WORKER_CPU_SECONDS = 20  # processor time: a parser that loops is stopped
WORKER_WALL_SECONDS = 60  # elapsed time, queueing excluded: a machine under load
