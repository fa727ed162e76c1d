"""`precheck`: the pre-check of one monthly file, as a French summary or one JSON object.

Exit status: 0 valid, 1 invalid, 2 could not run (missing file, bad arguments, unwritable
annotated copy). The file is read from disk here only; the pre-check itself works on bytes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from itertools import groupby
from pathlib import Path

from cmg_core import templates
from cmg_core.findings import Finding
from cmg_core.precheck import Report, check_workbook
from cmg_core.templates import TemplateCode
from cmg_core.workbook.reader import WorkbookRejected

SEVERITY_WORDS = {"error": "erreur", "warning": "avertissement", "info": "information"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Contrôle un fichier mensuel MC ou GAD et liste chaque anomalie, cellule "
        "par cellule. Code de sortie : 0 valide, 1 invalide, 2 contrôle impossible."
    )
    parser.add_argument("file", metavar="FICHIER", help="le classeur Excel (.xlsx) à contrôler")
    parser.add_argument(
        "--template",
        choices=[code.value for code in TemplateCode],
        help="le modèle attendu (sinon il est reconnu)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="AAAA-MM-JJ",
        help="la date de contrôle (par défaut aujourd'hui)",
    )
    parser.add_argument("--json", action="store_true", help="un objet JSON sur la sortie standard")
    parser.add_argument(
        "--annotate", metavar="SORTIE.xlsx", help="écrit une copie annotée du classeur"
    )
    parser.set_defaults(func=run)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"date invalide : {text!r} (attendu AAAA-MM-JJ)") from exc


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"Impossible de lire le fichier {path} : {_os_error(exc)}.", file=sys.stderr)
        return 2
    today = args.today or datetime.date.today()
    report = check_workbook(data, path.name, template=args.template, today=today)
    if args.annotate and not _write_annotated(data, report, Path(args.annotate)):
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(summary(report))
    return 0 if report.valid else 1


def _write_annotated(data: bytes, report: Report, out: Path) -> bool:
    from cmg_core.workbook.annotate import annotate  # openpyxl: only when a copy is asked for

    try:
        annotated = annotate(data, report.findings)
    except WorkbookRejected:
        print("Le fichier ne peut pas être annoté : il n'a pas pu être ouvert.", file=sys.stderr)
        return True  # the report says why; the check itself ran
    try:
        out.write_bytes(annotated)
    except OSError as exc:
        print(f"Impossible d'écrire le fichier {out} : {_os_error(exc)}.", file=sys.stderr)
        return False
    return True


def _os_error(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "fichier ou dossier introuvable"
    if isinstance(exc, PermissionError):
        return "accès refusé"
    if isinstance(exc, IsADirectoryError):
        return "c'est un dossier, pas un fichier"
    return "erreur du système de fichiers"


def summary(report: Report) -> str:
    """The French summary: verdict, counts, then the findings grouped by row."""
    counts = report.counts
    template = templates.get(report.template).label.lower() if report.template else None
    lines = [f"Fichier : {report.file}"]
    if template:
        lines.append(f"Modèle : {template}")
    if report.month:
        lines.append(f"Mois : {report.month}")
    lines.append(f"Lignes de déclaration : {report.rows}")
    verdict = "VALIDE" if report.valid else "NON VALIDE"
    lines.append(
        f"Résultat : {verdict} — {_count(counts['error'], 'erreur')}, "
        f"{_count(counts['warning'], 'avertissement')}"
    )
    for row, group in groupby(report.findings, key=lambda f: f.row):
        lines.append("")
        lines.append("Fichier entier :" if row is None else f"Ligne {row} :")
        lines += [_finding_text(f) for f in group]
    return "\n".join(lines)


def _finding_text(finding: Finding) -> str:
    where = f"[{finding.cell}] " if finding.cell else ""
    severity = SEVERITY_WORDS[finding.severity.value]
    return f"  - {where}{severity} : {finding.message}\n      → {finding.hint}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"
