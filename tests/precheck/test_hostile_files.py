"""Hostile and broken files end as one French file-level finding, quickly, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from cmg_core.workbook.reader import MAX_BYTES
from tests.conftest import ROOT
from tests.precheck.helpers import check
from tests.precheck.workbooks import mc_row, mc_workbook
from tests.workbook import fixtures

VALID = mc_workbook([mc_row()])


HOSTILE = {
    "plain text": (b"ceci n'est pas un classeur", "file.format"),
    "random bytes": (fixtures.random_bytes(), "file.unreadable"),
    "truncated xlsx": (VALID[: len(VALID) // 2], "file.unreadable"),
    "empty file": (b"", "file.unreadable"),
    "encrypted xlsx": (fixtures.ole2(("EncryptionInfo", "EncryptedPackage")), "file.encrypted"),
    "legacy xls": (fixtures.ole2(("Workbook",)), "file.format"),
    "ods": (fixtures.ods(), "file.format"),
    "csv": (fixtures.csv_text(), "file.format"),
    "pdf": (fixtures.pdf(), "file.format"),
    "macro-enabled": (fixtures.with_macros(VALID), "file.macros"),
    "over 20 MB": (b"PK\x03\x04" + b"\0" * MAX_BYTES, "file.too_large"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_gives_one_file_level_finding_in_french(name):
    data, code = HOSTILE[name]
    started = time.perf_counter()
    report = check(data)
    assert time.perf_counter() - started < 2
    assert report.triples() == {(code, None, None)}
    finding = report.findings[0]
    assert finding.message and finding.hint and not report.valid
    assert "Traceback" not in finding.message


@pytest.mark.parametrize("declared", [None, 1000])
def test_a_zip_that_inflates_to_300_mb_is_suspicious_and_refused_quickly(declared):
    bomb = fixtures.zip_of_zeros(300 << 20, declared_size=declared)
    started = time.perf_counter()
    report = check(bomb)
    assert time.perf_counter() - started < 2
    assert report.codes() <= {"file.suspicious", "file.unreadable"}
    assert len(report.findings) == 1 and report.findings[0].row is None


def test_the_format_message_names_the_format_and_how_to_save_as_xlsx():
    finding = check(fixtures.ole2(("Workbook",))).findings[0]
    assert "Excel 97-2003 (.xls)" in finding.message
    assert "Classeur Excel (.xlsx)" in finding.hint


def test_the_size_message_gives_the_size_and_the_limit_in_megabytes():
    finding = check(HOSTILE["over 20 MB"][0]).findings[0]
    assert "20,0\u00a0Mo" in finding.message


# VmHWM is the peak of this process's own memory; getrusage's maxrss is not used because
# Linux carries it over from the parent (here: pytest, grown by the whole suite) across exec.
MEMORY_PROBE = """
import re
from tests.precheck.test_hostile_files import HOSTILE, check
from tests.workbook import fixtures
inputs = [data for data, _code in HOSTILE.values()]
inputs += [fixtures.zip_of_zeros(300 << 20, declared_size=d) for d in (None, 1000)]
for data in inputs:
    check(data)
    del data
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def test_every_hostile_file_is_refused_within_300_mb_of_memory_for_the_whole_process():
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    peak_mb = int(result.stdout.strip().splitlines()[-1])
    assert peak_mb < 300, f"peak resident memory {peak_mb} MB"
