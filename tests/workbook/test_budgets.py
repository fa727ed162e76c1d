"""The reading budgets of the README are those of `cmg_core/workbook/budgets.py`."""

from __future__ import annotations

import re

from cmg_core.workbook import budgets
from tests.conftest import ROOT

UNITS = {"MB": budgets.MEGABYTE, "": 1}


def _readme_budgets() -> dict[str, int]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Reading untrusted files", 1)[1].split("\n## ", 1)[0]
    found = {}
    for name, number, unit in re.findall(
        r"^\| `([A-Z_]+)` \| ([0-9,]+) ?(MB)? \|", section, flags=re.MULTILINE
    ):
        found[name] = int(number.replace(",", "")) * UNITS[unit]
    return found


def test_the_readme_table_gives_the_budgets_the_reader_applies():
    readme = _readme_budgets()
    assert readme == {name: getattr(budgets, name) for name in readme}
    assert set(readme) == {
        "MAX_BYTES",
        "MAX_DATA_ROWS",
        "MAX_COLUMNS",
        "MAX_SHARED_STRINGS",
        "MAX_DECOMPRESSED",
        "MAX_MEMBERS",
    }


def test_the_row_limit_leaves_room_for_a_header_above_the_data():
    assert budgets.MAX_ROW == budgets.MAX_DATA_ROWS + budgets.HEADER_ROOM == 50_020
