"""The feed record and the kept file info are typed values that cross the database as JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cmg_core.backoffice.feed_record import FeedLine, FeedRecord
from cmg_core.backoffice.stored_champs import FileInfo
from cmg_core.findings import Finding, Severity
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

RECORD = FeedRecord(
    attestation_id=12, version=2, document_id="ATT-2026-10-0000012-v2", allocataire="1000001",
    month=Month(2026, 10), siret="12345678200010", template=TemplateCode.MC, deposit_id=7,
    dossier_number=4012,
    lines=(
        FeedLine(3, "Durand", "Léa", date(2023, 3, 14), 120, 4, Decimal("960.50"), None),
        FeedLine(4, "Durand", "Hugo", date(2024, 5, 2), 100, 0, Decimal("700.00"),
                 date(2026, 10, 31)),
    ),
)  # fmt: skip


def test_a_feed_record_is_stored_as_the_documented_json_and_read_back_equal():
    stored = RECORD.to_json()
    assert stored["month"] == "10/2026" and stored["template"] == "MC"
    assert stored["lines"][0] == {
        "row": 3, "child_last_name": "Durand", "child_first_name": "Léa",
        "birth_date": "2023-03-14", "total_hours": 120, "special_hours": 4, "amount": "960.50",
        "end_date": None,
    }  # fmt: skip
    assert FeedRecord.from_json(stored) == RECORD
    assert isinstance(FeedRecord.from_json(stored).lines[0].amount, Decimal)  # never a float


def test_the_ends_of_care_are_each_lines_date():
    assert RECORD.ends == [None, date(2026, 10, 31)]


def test_a_kept_file_info_and_a_stored_finding_read_back_equal():
    info = FileInfo("octobre.xlsx", "q1w2e3==", 6021, "application/vnd.ms-excel")
    assert FileInfo.from_json(info.to_json()) == info
    finding = Finding("row.duplicate", Severity.ERROR, 4, "B", "N° ALLOCATAIRE", "1000001",
                      "Ligne en double.", "Supprimez-la.")  # fmt: skip
    assert Finding.from_dict(finding.to_dict()) == finding
