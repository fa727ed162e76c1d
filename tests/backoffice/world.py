"""The back office's scenario: a small Caf (two partners, families on every processing path)
and the monthly files they deposit on the DS sandbox (built in code). Rows: `tests.builders`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from cmg_core import templates
from cmg_core.backoffice.context import DSConfig
from cmg_core.backoffice.runner import RunOptions
from cmg_core.db import migrate
from cmg_core.db.enums import HabilitationOperation
from cmg_core.db.models import Allocataire, Child, CmgClaim, Habilitation
from cmg_core.db.session import make_engine
from cmg_core.ds.sandbox import Sandbox, UploadedFile
from cmg_core.settings import SANDBOX_INSTRUCTEUR_ID, SANDBOX_TOKEN
from cmg_core.templates import TemplateCode
from cmg_core.values import Month
from tests import builders
from tests.precheck.workbooks import gad_row, mc_row, workbook

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
OCTOBER, SEPTEMBER = Month(2026, 10), Month(2026, 9)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MC_SIRET, GAD_SIRET = "12345678200010", "98765432100021"
MC_MANAGER, MC_STAFF = "habilitations@lucioles.example", "directrice@lucioles.example"
MC_NEW = "nouvelle.auxiliaire@lucioles.example"
GAD_MANAGER, GAD_STAFF = "habilitations@anjou-famille.example", "agent@anjou-famille.example"

# number: (partner kind, group, children (first name, birth date))
FAMILIES: dict[str, tuple[TemplateCode, str, tuple[tuple[str, date], ...]]] = {
    "1000001": (TemplateCode.MC, "", (("Léa", date(2023, 3, 14)),)),
    "1000002": (TemplateCode.MC, "twins", (("Hugo", date(2024, 5, 2)), ("Jade", date(2024, 5, 2)))),
    "1000003": (TemplateCode.MC, "", (("Emma", date(2022, 6, 1)),)),
    "1000004": (TemplateCode.MC, "locked", (("Nolan", date(2023, 9, 9)),)),
    "2000001": (TemplateCode.GAD, "", (("Inès", date(2022, 2, 2)),)),
    "2000002": (TemplateCode.GAD, "not_affiliated", (("Zoé", date(2021, 1, 5)),)),
    "2000003": (TemplateCode.GAD, "unknown_claim", (("Arthur", date(2024, 1, 20)),)),
    "2000004": (TemplateCode.GAD, "", (("Gabriel", date(2021, 11, 30)),)),
}


def options(url: str, sandbox: Sandbox, storage_dir, **changes) -> RunOptions:
    ds = DSConfig(sandbox.url, SANDBOX_TOKEN, SANDBOX_INSTRUCTEUR_ID, timeout=10.0)
    return RunOptions(url=url, ds=ds, storage_dir=str(storage_dir), today=TODAY, now=NOW, **changes)


def seed(url: str) -> None:
    """Migrate the database and write the partners, staff and families above."""
    migrate.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        mc = builders.partner(
            session, "Micro-crèche Les Lucioles", siret=MC_SIRET, manager_email=MC_MANAGER
        )
        gad = builders.partner(
            session,
            "Anjou Famille à Domicile",
            TemplateCode.GAD,
            siret=GAD_SIRET,
            manager_email=GAD_MANAGER,
        )
        session.add_all(
            [
                Habilitation(
                    partner_id=mc.id, email=MC_STAFF, first_name="Claire", last_name="Roy"
                ),
                Habilitation(
                    partner_id=gad.id, email=GAD_STAFF, first_name="Paul", last_name="Roux"
                ),
            ]
        )
        for number, (kind, group, children) in FAMILIES.items():
            person = Allocataire(
                number=number,
                key_letter="A",
                last_name="Durand",
                first_name="Camille",
                affiliated=group != "not_affiliated",
                record_locked=group == "locked",
            )
            person.children = [
                Child(last_name="Durand", first_name=f, birth_date=b) for f, b in children
            ]
            session.add(person)
            session.flush()
            partner = mc if kind is TemplateCode.MC else gad
            session.add(
                CmgClaim(allocataire_id=person.id, partner_id=partner.id, kind=kind,
                         known=group != "unknown_claim", start_month=Month(2025, 1))
            )  # fmt: skip
    engine.dispose()
    assert HabilitationOperation.ADD  # the démarche's operations are the model's


def mc_line(number: str, first: str, born: date, **changes) -> list[object]:
    return mc_row(allocataire=number, child_last_name="Durand", child_first_name=first,
                  birth_date=born, **changes)  # fmt: skip


def mc_file(*, faulty: bool) -> UploadedFile:
    """October at the micro-crèche; `faulty`: special hours above total, an unknown number."""
    rows = [
        mc_line("1000001", "Léa", date(2023, 3, 14), total_hours=120,
                special_hours=130 if faulty else 4),
        mc_line("1000002", "Hugo", date(2024, 5, 2), total_hours=100, amount=700),
        mc_line("1000002", "Jade", date(2024, 5, 2), total_hours=101, amount=707),
        mc_line("1000003", "Emmy", date(2022, 6, 1), total_hours=80, amount=560),
        mc_line("1000004", "Nolan", date(2023, 9, 9), total_hours=60, amount=420),
    ]  # fmt: skip
    if faulty:
        rows.append(mc_line("9999999", "Paul", date(2023, 1, 1), total_hours=50, amount=350))
    name = "octobre-lucioles.xlsx" if faulty else "octobre-lucioles-corrige.xlsx"
    return UploadedFile(name, workbook(rows, template=templates.MC), XLSX)


def gad_file(month: Month, numbers: dict[str, int], name: str) -> UploadedFile:
    """A GAD file: allocataire → hours (amount 20 € an hour)."""
    rows = [
        gad_row(month=str(month), allocataire=n, total_hours=h, amount=20 * h)
        for n, h in numbers.items()
    ]
    return UploadedFile(name, workbook(rows, template=templates.GAD), XLSX)


@dataclass(frozen=True)
class Deposits:
    """The DS dossier numbers of the first wave of the scenario."""

    refused_habilitation: int
    accepted_habilitation: int
    gad_september: int
    mc_october: int
    gad_october: int


def first_wave(sandbox: Sandbox) -> Deposits:
    habilitation = {
        "Opération": "AJOUT", "Civilité": "Madame", "Prénom": "Sophie", "Nom": "Petit",
        "Courriel": MC_NEW, "SIRET de la structure": MC_SIRET,
    }  # fmt: skip
    refused = sandbox.submit("habilitations", siret=MC_SIRET, email=MC_STAFF, fields=habilitation)
    accepted = sandbox.submit(
        "habilitations", siret=MC_SIRET, email=MC_MANAGER, fields=habilitation
    )
    september = sandbox.submit(
        "GAD", siret=GAD_SIRET, email=GAD_STAFF,
        files=[gad_file(SEPTEMBER, {"2000001": 60, "2000004": 40}, "septembre.xlsx")],
    )  # fmt: skip
    mc = sandbox.submit("MC", siret=MC_SIRET, email=MC_NEW, files=[mc_file(faulty=True)])
    october = sandbox.submit(
        "GAD", siret=GAD_SIRET, email=GAD_STAFF,
        files=[gad_file(OCTOBER, {"2000001": 60, "2000002": 50, "2000003": 70}, "octobre.xlsx")],
    )  # fmt: skip
    return Deposits(refused.number, accepted.number, september.number, mc.number, october.number)


def second_wave(sandbox: Sandbox, first: Deposits) -> int:
    """The micro-crèche corrects its file; the GAD files October again (G1's hours change)."""
    sandbox.update(first.mc_october, files=[mc_file(faulty=False)])
    again = sandbox.submit(
        "GAD", siret=GAD_SIRET, email=GAD_STAFF,
        files=[gad_file(OCTOBER, {"2000001": 64, "2000002": 50, "2000003": 70},
                        "octobre-rectifie.xlsx")],
    )  # fmt: skip
    return again.number
