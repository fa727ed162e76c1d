"""The dossier's « Mois concerné » against the file's month (intake).

The champ is optional; when the partner filled it (MM/AAAA, M/AAAA or « octobre 2026 ») it must
name the month the file declares, otherwise the deposit is sent back for correction with a
blocking finding that says which of the two to fix. A file without one single month already
has findings of its own: the champ is then not compared.
"""

from __future__ import annotations

from cmg_core.findings import Finding, Severity
from cmg_core.values import Month

FIELD = "Mois concerné"
MISMATCH = (
    "Le mois concerné indiqué sur le dossier ({declared}) n'est pas celui du fichier ({file})."
)
MISMATCH_HINT = (
    "Si le fichier est le bon, corrigez le champ « Mois concerné » du dossier ({file}) ; "
    "sinon, déposez le fichier {of_declared}."
)
UNREADABLE = "Le mois concerné indiqué sur le dossier (« {value} ») n'est pas lisible."
UNREADABLE_HINT = (
    "Écrivez-le sous la forme MM/AAAA (par exemple 10/2026) ou en toutes lettres (octobre 2026)."
)


def findings(declared: object, file_month: str | None) -> list[Finding]:
    """The blocking finding about the « Mois concerné » champ, if any."""
    text = str(declared).strip() if declared is not None else ""
    if not text:
        return []
    try:
        month = Month.parse_written(text)
    except ValueError:
        return [_finding("dossier.month_unreadable", text, UNREADABLE.format(value=text),
                         UNREADABLE_HINT)]  # fmt: skip
    if file_month is None or Month.parse(file_month) == month:
        return []
    file = Month.parse(file_month)
    return [
        _finding(
            "dossier.month_mismatch",
            text,
            MISMATCH.format(declared=month.label(), file=file.label()),
            MISMATCH_HINT.format(file=file.label(), of_declared=month.of_label()),
        )
    ]


def _finding(code: str, value: str, message: str, hint: str) -> Finding:
    return Finding(code, Severity.ERROR, None, None, FIELD, value, message, hint)
