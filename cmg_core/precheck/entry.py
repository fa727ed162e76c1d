"""What one catalogue entry is: a code, its severity, French title, message and hint templates.

A template is filled with `str.format` from the finding's own params; a `cause` picks a more
precise message or hint (for instance the key letter left at the end of a numéro allocataire).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from cmg_core.findings import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Cause:
    """A more precise wording for one cause of a finding; None keeps the entry's own."""

    message: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Entry:
    code: str
    severity: Severity
    title: str
    message: str
    hint: str
    causes: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def wording(self, cause: str) -> tuple[str, str]:
        precise = self.causes.get(cause, Cause())
        return precise.message or self.message, precise.hint or self.hint


def entry(code: str, severity: Severity, title: str, message: str, hint: str, **causes: Cause):
    """An entry whose texts follow French typography (written with plain spaces in the source)."""
    causes = {name: Cause(typography(c.message), typography(c.hint)) for name, c in causes.items()}
    return Entry(
        code, severity, title, typography(message), typography(hint), MappingProxyType(causes)
    )


def typography(text: str | None) -> str | None:
    """No-break spaces inside guillemets, so « Supprimer » never breaks across two lines."""
    if text is None:
        return None
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


# Shared by every cell whose value Excel shows as an error (#DIV/0!, #N/A…).
EXCEL_ERROR = Cause(
    hint="La cellule affiche une erreur Excel : corrigez la formule ou saisissez directement la "
    "valeur attendue."
)
