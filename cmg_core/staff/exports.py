"""CSV exports of the staff pages: UTF-8 with BOM, `;` separated, every text neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from cmg_core.workbook.safe_text import neutralise


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The CSV file a French spreadsheet opens as is (BOM for the accents, `;` for columns)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
