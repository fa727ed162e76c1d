"""The safe corrections of a checked file and the pre-check of the result, kept per session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from cmg_core.corrections import Correction, correct_workbook
from cmg_core.workbook.reader import WorkbookRejected
from pages.widgets.checked_file import CheckedFile
from pages.widgets.report_views import output_name


@dataclass(frozen=True)
class CorrectedFile:
    corrections: list[Correction]
    result: CheckedFile  # the corrected workbook and its new pre-check


def show(checked: CheckedFile, key: str, *, today: date) -> CorrectedFile | None:
    """The corrected file, or None when the workbook cannot be opened to be corrected."""
    memo = st.session_state.get(f"{key}_corrected")
    if memo is not None and memo[0] is checked:
        return memo[1]
    with st.spinner("Correction et nouveau contrôle de votre fichier…"):
        corrected = _correct(checked, today=today)
    st.session_state[f"{key}_corrected"] = (checked, corrected)
    return corrected


def _correct(checked: CheckedFile, *, today: date) -> CorrectedFile | None:
    template = checked.report.template or checked.expected
    try:
        outcome = correct_workbook(checked.data, template)
    except WorkbookRejected:
        return None
    name = output_name(checked.name, "corrige", "xlsx")
    result = CheckedFile.check(name, outcome.data, checked.expected, today=today)
    return CorrectedFile(outcome.corrections, result)
