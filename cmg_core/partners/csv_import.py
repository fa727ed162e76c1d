"""`partners import FILE.csv`: the first load of the partners, all or nothing.

The file is what Excel writes as « CSV (séparateur : point-virgule) »: `;` between fields,
UTF-8 with or without BOM, or Windows-1252. The first line names the columns (`HEADERS`, in
any order, case and accents as written below; optional columns may be left out). The SIRET
is read as text (spaces allowed). Each bad line gets one French message naming its line
number; when any line is bad nothing is imported.
"""

from __future__ import annotations

import csv
import io

from sqlalchemy.orm import Session

from cmg_core.db.models import Partner
from cmg_core.partners import registry
from cmg_core.partners.fields import PartnerError, PartnerFields, partner_fields

# column title in the file → field; the first five are required
HEADERS = {
    "siret": "siret",
    "nom": "name",
    "type": "kind",
    "reference convention": "convention_ref",
    "courriel gestionnaire": "manager_email",
    "date convention": "convention_signed_on",
    "adresse": "address",
    "code postal": "postcode",
    "commune": "commune",
}
REQUIRED = ("siret", "nom", "type", "reference convention", "courriel gestionnaire")
DOCUMENTED = (
    "SIRET;Nom;Type;Référence convention;Courriel gestionnaire;Date convention;Adresse;"
    "Code postal;Commune"
)


class ImportRefused(PartnerError):
    """Nothing was imported; `problems` holds one French message per bad line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def decode(content: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252 as Excel writes it in France."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _key(title: str) -> str:
    plain = title.strip().lower().replace("é", "e").replace("è", "e").replace("_", " ")
    return " ".join(plain.split())


def read(content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, field → text) for each non-empty line; ImportRefused on a bad header."""
    rows = list(csv.reader(io.StringIO(decode(content)), delimiter=";"))
    if not rows:
        raise ImportRefused(["le fichier est vide : la première ligne doit nommer les colonnes"])
    header = [_key(title) for title in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [rows[0][i].strip() for i, k in enumerate(header) if k and k not in HEADERS]
    problems = []
    if missing:
        problems.append("ligne 1 : colonnes manquantes : " + ", ".join(missing))
    if unknown:
        problems.append("ligne 1 : colonnes inconnues : " + ", ".join(unknown))
    if problems:
        raise ImportRefused([*problems, f"en-tête attendu : {DOCUMENTED}"])
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        lines.append(
            (
                number,
                {HEADERS[k]: (row[i] if i < len(row) else "") for i, k in enumerate(header) if k},
            )
        )
    return lines


def check(session: Session, content: bytes) -> list[PartnerFields]:
    """Every line checked (fields, duplicates in the file and in the register)."""
    records, problems, seen = [], [], {}
    for number, values in read(content):
        try:
            record = partner_fields(values)
            for key in ("siret", "convention_ref"):
                value = getattr(record, key)
                if (key, value) in seen:
                    raise PartnerError(f"« {value} » figure déjà ligne {seen[key, value]}")
                seen[key, value] = number
            registry.check_new(session, record)
        except PartnerError as error:
            problems.append(f"ligne {number} : {error}")
            continue
        records.append(record)
    if problems:
        raise ImportRefused(problems)
    if not records:
        raise ImportRefused(["aucune structure dans le fichier (seule la ligne d'en-tête est lue)"])
    return records


def import_partners(session: Session, content: bytes) -> list[Partner]:
    """Add every partner of the file, or none (ImportRefused)."""
    return [registry.add(session, record) for record in check(session, content)]
