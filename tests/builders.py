"""The one set of test builders: database rows through the models — partners, DS dossiers,
deposits and lines, attestations with stored PDFs, queue items, staff accounts, bilans, runs,
habilitations. Each builder flushes what it adds, so the row has its id.

`demo_world` fills a database the way the back office would, for page tests, the browser test
and the screenshots; `tests/backoffice/world.py` is the back office's own scenario (DS files).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from cmg_core.db.enums import (
    AttestationState,
    DepositStatus,
    HabilitationOperation,
    LineOutcome,
    QueueAction,
    QueueReason,
    Role,
    RunStatus,
)
from cmg_core.db.models import (
    Attestation,
    Bilan,
    Deposit,
    DepositLine,
    DsCursor,
    DsDossier,
    Habilitation,
    HabilitationEvent,
    Partner,
    QueueEvent,
    QueueItem,
    Run,
)
from cmg_core.precheck.catalogue import make
from cmg_core.staff import auth
from cmg_core.storage import FolderStorage
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

_numbers = itertools.count(1)
MARCH = Month(2026, 3)
PASSWORD = "mot-de-passe-de-test-1"
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def partner(
    session: Session,
    name: str = "Les Petits Pas",
    kind: TemplateCode = TemplateCode.MC,
    *,
    siret: str | None = None,
    manager_email: str | None = None,
) -> Partner:
    """A partner under convention; its SIRET is unique unless given."""
    n = next(_numbers)
    row = Partner(
        siret=siret or f"{n:014d}",
        name=name,
        kind=kind,
        commune="Angers",
        convention_ref=f"CONV-{n:04d}",
        manager_email=manager_email or f"direction{n}@structure.example",
    )
    session.add(row)
    session.flush()
    return row


def dossier(
    session: Session, owner: Partner, *, valid: bool = True, at: datetime | None = None
) -> DsDossier:
    """The partner's DS dossier of a monthly file: accepted, or sent back for correction."""
    n = next(_numbers)
    row = DsDossier(
        ds_id=f"RG9zc2llci0{n}",
        number=4000 + n,
        demarche_number=1002 if owner.kind == TemplateCode.MC else 1003,
        state="accepte" if valid else "en_construction",
        depositor_email="saisie@structure.example",
        siret=owner.siret,
        ds_updated_at=at or datetime(2026, 4, 2, 9, tzinfo=UTC),
        decision="accepte" if valid else "correction",
        motivation=None if valid else "Le fichier contient 2 erreurs : voir le classeur annoté.",
    )
    session.add(row)
    session.flush()
    return row


def new_deposit(session: Session, owner: Partner, month: Month = MARCH, **fields) -> Deposit:
    """A deposit of `owner` on its own dossier, not yet added (for `add_current` and the
    database constraints); `fields` override any column."""
    n = next(_numbers)
    values = {
        "partner_id": owner.id,
        "siret": owner.siret,
        "template": owner.kind,
        "month": month,
        "file_name": f"declaration-{month.iso}.xlsx",
        "file_key": f"ab/cd/{n:064d}.xlsx",
        "file_sha256": f"{n:064d}",
        **fields,
    }
    if "dossier_id" not in values:
        values["dossier_id"] = dossier(session, owner).id
    return Deposit(**values)


# a finding as intake stores it (`Finding.to_dict`)
INVALID_FINDING = make(
    "allocataire.format",
    row=3,
    column="B",
    key="allocataire",
    value="1234567A",
    cause="key_letter",
    suggestion="1234567",
).to_dict()


def deposit(
    session: Session,
    owner: Partner,
    month: Month = MARCH,
    *,
    attempt: int = 1,
    status: DepositStatus = DepositStatus.PROCESSED,
    valid: bool = True,
    lines: int = 3,
    at: datetime | None = None,
    current: bool = True,
) -> Deposit:
    """A current deposit with its `lines` (none when invalid), added like intake would."""
    at = at or datetime(2026, 4, 2, 9, tzinfo=UTC)
    row = new_deposit(
        session,
        owner,
        month,
        dossier_id=dossier(session, owner, valid=valid, at=at).id,
        attempt=attempt,
        status=status,
        valid=valid,
        row_count=lines,
        error_count=0 if valid else 2,
        findings=[] if valid else [INVALID_FINDING],
        deposited_at=at,
        is_current=current,
    )
    session.add(row)
    session.flush()
    for index in range(lines if valid else 0):
        session.add(
            DepositLine(
                deposit_id=row.id,
                row=3 + index,
                allocataire_number=f"{1000000 + row.id * 10 + index:07d}",
                total_hours=120,
                amount=Decimal("950.00"),
                outcome=LineOutcome.APPLIED,
            )
        )
    session.flush()
    return row


def attestation(owner: Partner, source: Deposit, number: str = "1234567") -> Attestation:
    """An attestation of `source`, not yet added."""
    return Attestation(
        allocataire_number=number,
        month=source.month,
        partner_id=owner.id,
        deposit_id=source.id,
        total_hours=120,
        amount=Decimal("960.50"),
    )


def queue_item(
    session: Session,
    source: Deposit,
    reason: QueueReason = QueueReason.NOT_AFFILIATED,
    *,
    storage: FolderStorage | None = None,
    age: timedelta = timedelta(days=1),
    now: datetime | None = None,
) -> QueueItem:
    line = next(line for line in source.lines if line.outcome != LineOutcome.QUEUED)
    line.outcome, line.reason = LineOutcome.QUEUED, reason.value
    pdf_key = storage.put(TINY_PDF + str(line.id).encode(), suffix=".pdf").key if storage else None
    attestation = Attestation(
        allocataire_number=line.allocataire_number,
        month=source.month,
        partner_id=source.partner_id,
        deposit_id=source.id,
        total_hours=line.total_hours,
        amount=line.amount,
        pdf_key=pdf_key,
        state=AttestationState.QUEUED,
    )
    session.add(attestation)
    session.flush()
    line.attestation_id = attestation.id
    created = (now or datetime.now(UTC)) - age
    item = QueueItem(
        attestation_id=attestation.id,
        reason=reason,
        partner_id=source.partner_id,
        month=source.month,
        allocataire_number=line.allocataire_number,
        pdf_key=pdf_key,
        created_at=created,
    )
    session.add(item)
    session.flush()
    session.add(QueueEvent(item_id=item.id, action=QueueAction.CREATED, at=created))
    session.flush()
    return item


def staff(session: Session, email: str, role: Role) -> int:
    return auth.create_user(session, email, role, PASSWORD).id


@dataclass
class World:
    months: list[Month]
    partners: list[Partner] = field(default_factory=list)
    queue: list[QueueItem] = field(default_factory=list)
    accounts: dict[Role, str] = field(default_factory=dict)


def demo_world(session: Session, storage: FolderStorage, today: date) -> World:
    """Three months of filing by five partners, a manual queue, bilans, runs, habilitations."""
    now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=10)
    last = Month.of(today).shift(-1)
    world = World(months=[last.shift(-2), last.shift(-1), last])
    names = [
        ("Les Petits Pas", TemplateCode.MC),
        ("Micro-crèche Les Lucioles", TemplateCode.MC),
        ("Bébé Câlin", TemplateCode.MC),
        ("Domicile Services Anjou", TemplateCode.GAD),
        ("Aide & Garde 49", TemplateCode.GAD),
    ]
    world.partners = [partner(session, name, kind) for name, kind in names]
    for role in Role:
        email = f"{role.value}@caf.example"
        staff(session, email, role)
        world.accounts[role] = email
    for index, month in enumerate(world.months):
        for number, owner in enumerate(world.partners):
            if month == last and number >= 3:
                continue  # two partners have not filed the last month yet
            source = deposit(session, owner, month, lines=4 + number)
            if number == 1 and month == last:
                old = deposit(
                    session,
                    owner,
                    month,
                    status=DepositStatus.SUPERSEDED,
                    valid=False,
                    current=False,
                )
                old.superseded_by_id, source.attempt = source.id, 2
            add_bilan(session, storage, source)
            if index >= 1 and number < 3:
                reason = list(QueueReason)[(index + number) % len(QueueReason)]
                world.queue.append(
                    queue_item(
                        session,
                        source,
                        reason,
                        storage=storage,
                        age=timedelta(days=3 + 6 * number),
                        now=now,
                    )
                )
    add_habilitations(session, world.partners[0])
    add_runs(session, now)
    return world


def add_bilan(session: Session, storage: FolderStorage, source: Deposit) -> Bilan:
    pdf = storage.put(TINY_PDF + f"bilan {source.id}".encode(), suffix=".pdf")
    xlsx = storage.put(f"bilan {source.id}".encode(), suffix=".xlsx")
    bilan = Bilan(
        deposit_id=source.id,
        pdf_key=pdf.key,
        pdf_sha256=pdf.sha256,
        xlsx_key=xlsx.key,
        xlsx_sha256=xlsx.sha256,
        counts={
            "received": len(source.lines),
            "processed": len(source.lines),
            "to_manager": 0,
            "rejected": 0,
        },
        sent_to_ds_at=source.deposited_at,
        sent_via="justificatif",
    )
    session.add(bilan)
    session.flush()
    return bilan


def add_habilitations(session: Session, owner: Partner) -> None:
    for email, active in (("saisie@structure.example", True), ("ancien@structure.example", False)):
        row = Habilitation(
            partner_id=owner.id,
            email=email,
            civilite="Mme",
            first_name="Anne",
            last_name="Martin",
            active=active,
        )
        session.add(row)
        session.flush()
        session.add(
            HabilitationEvent(
                habilitation_id=row.id,
                operation=HabilitationOperation.ADD,
                actor_email=owner.manager_email,
                after={"email": email},
            )
        )
        if not active:
            session.add(
                HabilitationEvent(
                    habilitation_id=row.id,
                    operation=HabilitationOperation.REMOVE,
                    actor_email=owner.manager_email,
                    before={"email": email},
                )
            )
    session.flush()


def add_runs(session: Session, now: datetime) -> None:
    for hours, stage, status in (
        (3, "sync", RunStatus.SUCCEEDED),
        (2, "intake", RunStatus.FAILED),
        (1, "processing", RunStatus.SUCCEEDED),
    ):
        started = now - timedelta(hours=hours)
        session.add(
            Run(
                stage=stage,
                status=status,
                worker="demo:1",
                started_at=started,
                finished_at=started + timedelta(seconds=42),
                counts={"traités": 12},
                failures=1 if status == RunStatus.FAILED else 0,
                error="Délai dépassé en parlant à DS" if status == RunStatus.FAILED else None,
            )
        )
    session.add(
        DsCursor(
            demarche_number=1002,
            last_run_at=now,
            last_success_at=now,
            updated_since=now - timedelta(days=30),
        )
    )
    session.flush()
