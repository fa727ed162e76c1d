"""Texts a spreadsheet could run as a formula get a leading apostrophe; nothing else changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cmg_core.workbook.safe_text import neutralise


@pytest.mark.parametrize(
    "text",
    ["=1+1", '=HYPERLINK("http://x")', "+33 6 12", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_text_starting_like_a_formula_gets_a_leading_apostrophe(text: str):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["MARTIN", "0123456", "03/2026", "", " =1", "'=1", "a=b"])
def test_other_texts_are_left_as_they_are(text: str):
    assert neutralise(text) == text


@pytest.mark.parametrize("value", [None, -5, -2.5, Decimal("-1.00"), date(2026, 3, 1), True])
def test_values_that_are_not_text_are_left_as_they_are(value: object):
    assert neutralise(value) is value
