"""The dossier's « Mois concerné », when filled, must be the file's month (intake): checked as
partners write it, and sent back for correction over real HTTP when it differs."""

from __future__ import annotations

import pytest

from cmg_core.backoffice.declared_month import findings
from cmg_core.backoffice.runner import run_all
from cmg_core.ds import DossierState
from cmg_core.precheck import Severity
from tests.backoffice import world

MOIS = "Mois concerné (MM/AAAA)"


@pytest.mark.parametrize("declared", [None, "", "  ", "10/2026", "octobre 2026"])
def test_an_empty_or_matching_month_is_no_finding(declared):
    assert findings(declared, "10/2026") == []


def test_a_file_without_a_single_month_is_not_compared():
    assert findings("09/2026", None) == []


def test_another_month_is_a_blocking_finding_saying_which_to_fix():
    (finding,) = findings("9/2026", "10/2026")
    assert (finding.code, finding.severity, finding.row) == (
        "dossier.month_mismatch", Severity.ERROR, None,
    )  # fmt: skip
    assert finding.message == (
        "Le mois concerné indiqué sur le dossier (septembre 2026) n'est pas celui du fichier "
        "(octobre 2026)."
    )
    assert finding.hint == (
        "Si le fichier est le bon, corrigez le champ « Mois concerné » du dossier (octobre 2026) ;"
        " sinon, déposez le fichier de septembre 2026."
    )


def test_an_unreadable_month_asks_for_a_readable_one():
    (finding,) = findings("2026-10", "10/2026")
    assert finding.code == "dossier.month_unreadable" and "« 2026-10 »" in finding.message


def _deposit(sandbox, declared: str) -> int:
    file = world.gad_file(world.OCTOBER, {"2000001": 60}, "octobre.xlsx")
    return sandbox.submit(
        "GAD", siret=world.GAD_SIRET, email=world.GAD_STAFF, files=[file], fields={MOIS: declared}
    ).number


def test_a_deposit_for_another_month_is_sent_back_and_the_written_month_is_accepted(
    sqlite_url, sandbox, tmp_path
):
    wrong, right = _deposit(sandbox, "09/2026"), _deposit(sandbox, "Octobre 2026")
    run_all(world.options(sqlite_url, sandbox, tmp_path / "storage"))
    with sandbox.client() as client:
        sent_back, accepted = client.dossier(wrong), client.dossier(right)
    assert sent_back.state is DossierState.EN_CONSTRUCTION
    assert sent_back.messages[-1].correction_reason is not None
    assert "n'est pas celui du fichier (octobre 2026)" in sent_back.messages[-1].body
    assert accepted.state is DossierState.ACCEPTE
