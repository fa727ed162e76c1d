"""Upload of the partner's monthly file and its pre-check, kept in the session only.

The file is read from the upload in memory, checked once per upload and template choice, and
remembered for this browser session so that the other partner pages can use it. It is never
written to disk, to a database or to the logs.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cached_property

import streamlit as st

from cmg_core.precheck import check_workbook
from cmg_core.precheck.report import Report
from cmg_core.workbook.annotate import annotate
from cmg_core.workbook.reader import MAX_BYTES, WorkbookRejected, read_workbook
from pages.widgets import template_choice

MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)
LAST_FILE_KEY = "partner_last_checked_file"


class CheckedFile:
    """An uploaded file, its pre-check report, and what is derived from it on demand."""

    def __init__(self, name: str, data: bytes, expected: str | None, report: Report) -> None:
        self.name = name
        self.data = data
        self.expected = expected
        self.report = report
        # Widgets about this file carry it in their key, so a new file starts them afresh.
        self.token = hashlib.blake2b(data, digest_size=8).hexdigest()

    @classmethod
    def check(cls, name: str, data: bytes, expected: str | None, *, today: date) -> CheckedFile:
        return cls(name, data, expected, check_workbook(data, name, template=expected, today=today))

    @cached_property
    def annotated(self) -> bytes | None:
        """The partner's workbook with its faulty cells marked; None if it cannot be opened."""
        try:
            return annotate(self.data, self.report.findings)
        except WorkbookRejected:
            return None

    @cached_property
    def rows(self) -> list[list[object]] | None:
        """The cells of the sheet the pre-check read; None if the file could not be read."""
        try:
            workbook = read_workbook(self.data)
        except WorkbookRejected:
            return None
        sheet = next((s for s in workbook.visible_sheets if not s.is_empty), None)
        return None if sheet is None else sheet.rows


def show(key: str, *, today: date) -> CheckedFile | None:
    """The template choice and the uploader; the checked file once one is uploaded."""
    expected = template_choice.show(key=f"{key}_template")
    uploaded = st.file_uploader(
        f"Votre fichier mensuel (Excel .xlsx, {MAX_MEGABYTES} Mo au plus)",
        key=f"{key}_upload",
        max_upload_size=MAX_MEGABYTES,
        help="Glissez votre fichier ici ou cliquez pour le choisir. Il est contrôlé en "
        "mémoire et n'est pas conservé.",
    )
    if uploaded is None:
        st.session_state.pop(f"{key}_checked", None)
        return None
    identity = (uploaded.file_id, uploaded.name, expected)
    memo = st.session_state.get(f"{key}_checked")
    if memo is None or memo[0] != identity:
        with st.spinner("Contrôle de votre fichier en cours…"):
            checked = CheckedFile.check(uploaded.name, uploaded.getvalue(), expected, today=today)
        memo = (identity, checked)
        st.session_state[f"{key}_checked"] = memo
        st.session_state[LAST_FILE_KEY] = checked
    return memo[1]


def last_checked() -> CheckedFile | None:
    """The file most recently checked on any partner page of this session."""
    return st.session_state.get(LAST_FILE_KEY)


def forget_last() -> None:
    st.session_state.pop(LAST_FILE_KEY, None)
