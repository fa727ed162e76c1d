"""The catalogue holds SPEC §3's codes, each worded in French, and docs/findings.md shows it."""

from __future__ import annotations

import string
from pathlib import Path

from cmg_core.precheck import catalogue_doc
from cmg_core.precheck.catalogue import CATALOGUE


def test_docs_findings_md_is_the_catalogue_as_generated():
    regenerate = "python -m cmg_core.precheck.catalogue_doc"
    written = catalogue_doc.DOCUMENT.read_text(encoding="utf-8")
    assert written == catalogue_doc.render(), f"docs/findings.md is stale: run {regenerate}"


def test_the_document_lists_every_code_with_its_severity_once():
    text = catalogue_doc.render()
    assert len(CATALOGUE) == 43  # SPEC §3's table
    for code, entry in CATALOGUE.items():
        assert text.count(f"| `{code}` | {entry.severity.value} |") == 1, code
        assert text.count(f"## `{code}`") == 1, code


def test_every_entry_has_a_french_title_message_and_hint():
    for entry in CATALOGUE.values():
        texts = [entry.title, entry.message, entry.hint]
        texts += [t for c in entry.causes.values() for t in (c.message, c.hint) if t]
        for text in texts:
            assert text.strip(), entry.code
            assert text[0].isupper() or text.startswith("{What}"), (entry.code, text)
            assert "  " not in text, (entry.code, text)


def test_templates_only_name_params_a_rule_can_give():
    known = {"row", "column", "cell", "field", "shown", "what", "What", "help"}
    for entry in CATALOGUE.values():
        texts = [entry.message, entry.hint]
        texts += [t for c in entry.causes.values() for t in (c.message, c.hint) if t]
        names = {n for t in texts for _, n, _, _ in string.Formatter().parse(t) if n}
        assert names - known <= RULE_PARAMS[entry.code], entry.code


RULE_PARAMS: dict[str, set[str]] = {
    "file.format": {"format"},
    "file.too_large": {"size", "limit"},
    "sheet.multiple": {"count", "sheet"},
    "sheet.hidden": {"count", "sheet"},
    "header.wrong_template": {"found", "expected"},
    "header.not_first_row": {"lines_above"},
    "header.extra_column": {"last"},
    "header.column_order": {"expected"},
    "row.duplicate": {"allocataire", "first_row", "child"},
    "month.format": {"example"},
    "month.not_elapsed": {"month", "next_first", "last_elapsed"},
    "month.too_old": {"month"},
    "month.mixed": {"month", "main_month"},
    "allocataire.format": {"suggestion"},
    "birth.future": {"birth", "month"},
    "birth.over_six": {"birth", "month"},
    "birth.sixth_birthday_month": {"birth", "month"},
    "hours.invalid": {"suggestion"},
    "hours.impossible": {"hours", "month", "limit"},
    "hours.high": {"hours", "month", "limit"},
    "hours.below_minimum": {"hours"},
    "special_hours.exceed_total": {"special", "total"},
    "amount.invalid": {"suggestion"},
    "amount.inconsistent": {"amount", "hours"},
    "amount.hourly_cap": {"amount", "hours", "rate"},
    "end_date.before_month": {"end", "month"},
    "end_date.after_month": {"end", "month"},
    "twins.check_first_names": {"rows", "allocataire", "birth"},
    "file.copy_paste_suspected": {"share", "count", "total", "hours", "amount"},
}
RULE_PARAMS = {code: RULE_PARAMS.get(code, set()) for code in CATALOGUE}


def test_every_catalogue_code_is_asserted_by_some_behaviour_test():
    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in Path(__file__).parent.glob("test_*.py")
        if path.name != Path(__file__).name
    )
    missing = [code for code in CATALOGUE if f'"{code}"' not in sources]
    assert missing == []
