"""`docs/findings.md`, written from the catalogue: `python -m cmg_core.precheck.catalogue_doc`.

The document is the repository's record of the finding codes (SPEC §3); a test keeps it equal to
what `render()` gives, so a catalogue change without the regenerated document fails.
"""

from __future__ import annotations

from pathlib import Path

from cmg_core.precheck.catalogue import CATALOGUE
from cmg_core.precheck.entry import Entry

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "findings.md"

INTRO = """\
# Pre-check findings

Every finding the pre-check can report (SPEC §3), generated from `cmg_core/precheck/catalogue.py`
by `python -m cmg_core.precheck.catalogue_doc`; `tests/precheck/test_catalogue.py` fails when
this file and the catalogue differ. Codes and severities are stable: tests and API clients rely
on them. An `error` blocks the deposit, a `warning` does not. In the French texts, `{name}` is
filled by the rule that reports the finding (`{cell}`, `{field}`, `{shown}` for any cell); a
*cause* replaces the message or the hint when the rule knows more precisely what went wrong.
"""


def render() -> str:
    lines = [INTRO, f"{len(CATALOGUE)} codes.", "", "| code | severity | title |", "|---|---|---|"]
    lines += [f"| `{e.code}` | {e.severity.value} | {e.title} |" for e in CATALOGUE.values()]
    for entry in CATALOGUE.values():
        lines += ["", *_details(entry)]
    return "\n".join(lines) + "\n"


def _details(entry: Entry) -> list[str]:
    lines = [f"## `{entry.code}`", "", f"{entry.severity.value} — {entry.title}", ""]
    lines += [f"- message: {entry.message}", f"- hint: {entry.hint}"]
    for name, cause in entry.causes.items():
        if cause.message:
            lines.append(f"- cause `{name}`, message: {cause.message}")
        if cause.hint:
            lines.append(f"- cause `{name}`, hint: {cause.hint}")
    return lines


if __name__ == "__main__":
    DOCUMENT.parent.mkdir(exist_ok=True)
    DOCUMENT.write_text(render(), encoding="utf-8")
    print(f"{DOCUMENT} written ({len(CATALOGUE)} codes).")
