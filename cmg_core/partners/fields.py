"""What the Caf records about a partner, read from text (command line, page, CSV) and checked,
with a French message for each problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime

from cmg_core.referential.siret import compact, siret_problem
from cmg_core.templates import TemplateCode

EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+$")
KINDS = {
    "mc": TemplateCode.MC,
    "micro-crèche": TemplateCode.MC,
    "micro-creche": TemplateCode.MC,
    "gad": TemplateCode.GAD,
    "garde à domicile": TemplateCode.GAD,
    "garde a domicile": TemplateCode.GAD,
}
LIMITS = {"name": 200, "address": 200, "commune": 100, "convention_ref": 40}


class PartnerError(ValueError):
    """A partner cannot be recorded as asked; the message is French, for the user."""


@dataclass(frozen=True)
class PartnerFields:
    """A partner's record as the Caf keeps it (every field already checked)."""

    siret: str
    name: str
    kind: TemplateCode
    convention_ref: str
    manager_email: str
    convention_signed_on: date | None = None
    address: str = ""
    postcode: str = ""
    commune: str = ""


# French names of the fields, for messages and the journal
LABELS = {
    "siret": "SIRET",
    "name": "nom",
    "kind": "type",
    "convention_ref": "référence de convention",
    "convention_signed_on": "date de convention",
    "manager_email": "gestionnaire des habilitations",
    "address": "adresse",
    "postcode": "code postal",
    "commune": "commune",
}
NAMES = tuple(f.name for f in fields(PartnerFields))


def parse_kind(text: str) -> TemplateCode:
    kind = KINDS.get(text.strip().lower())
    if kind is None:
        raise PartnerError(
            f"le type « {text} » est inconnu : MC (micro-crèche) ou GAD (garde à domicile)"
        )
    return kind


def parse_date(text: str) -> date | None:
    """JJ/MM/AAAA (as in France and Excel) or AAAA-MM-JJ; empty gives None."""
    text = text.strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise PartnerError(f"la date de convention « {text} » n'est pas une date JJ/MM/AAAA")


def parse_email(text: str) -> str:
    email = text.strip().lower()
    if not EMAIL.match(email) or len(email) > 254:
        raise PartnerError(
            f"l'adresse du gestionnaire des habilitations « {text.strip()} » n'est pas une adresse "
            "électronique valide"
        )
    return email


def clean(name: str, value: object) -> object:
    """One field, from text (or an already typed value), checked; raises PartnerError."""
    if name == "siret":
        problem = siret_problem(str(value))
        if problem:
            raise PartnerError(problem)
        return compact(str(value))
    if name == "kind":
        return value if isinstance(value, TemplateCode) else parse_kind(str(value))
    if name == "manager_email":
        return parse_email(str(value))
    if name == "convention_signed_on":
        return value if isinstance(value, date) or value is None else parse_date(str(value))
    text = " ".join(str(value or "").split())
    if name == "postcode" and text and not re.fullmatch(r"\d{5}", text):
        raise PartnerError(f"le code postal « {text} » doit compter 5 chiffres")
    if name in ("name", "convention_ref") and not text:
        raise PartnerError(f"le champ « {LABELS[name]} » est obligatoire")
    if len(text) > LIMITS.get(name, 200):
        raise PartnerError(f"le champ « {LABELS[name]} » dépasse {LIMITS[name]} caractères")
    return text


def partner_fields(values: dict[str, object]) -> PartnerFields:
    """A full record from `values` (missing optional fields empty); every problem at once."""
    cleaned, problems = {}, []
    for name in NAMES:
        if name not in values or values[name] in (None, ""):
            if name in ("siret", "name", "kind", "convention_ref", "manager_email"):
                problems.append(f"le champ « {LABELS[name]} » est obligatoire")
                continue
            cleaned[name] = None if name == "convention_signed_on" else ""
            continue
        try:
            cleaned[name] = clean(name, values[name])
        except PartnerError as error:
            problems.append(str(error))
    if problems:
        raise PartnerError(" ; ".join(problems))
    return PartnerFields(**cleaned)
