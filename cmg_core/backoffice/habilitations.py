"""Stage 2, habilitations: apply AJOUT / MODIFICATION / SUPPRESSION requests deposited on DS.

A request is applied only when its depositor is the partner's manager (the convention's
gestionnaire des habilitations, found by SIRET); otherwise it is refused with a French
motivation. On DS the dossier is passed en instruction, then accepted (the motivation tells the
partner what changed) or refused. Idempotence: the DS decision, once made, is the truth — a
dossier found accepted on DS whose change is not in the database gets its change applied,
never a second decision; each applied request leaves one `HabilitationEvent` pointing to its
dossier, and writes to the outbox the e-mail that tells the person added (or removed) — in the
same transaction, once. The change is committed before the DS decision (no transaction stays
open across a DS call), with the motivation it gives, so a run stopped between the two sends
that motivation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cmg_core.backoffice import ds_actions, texts
from cmg_core.backoffice.champ_ids import ChampIds, resolve_all
from cmg_core.backoffice.claim import Claim
from cmg_core.backoffice.context import StageContext
from cmg_core.backoffice.dossier_loop import finish, process_dossiers
from cmg_core.backoffice.stored_champs import text
from cmg_core.db.enums import HabilitationOperation
from cmg_core.db.models import DsDossier, Habilitation, HabilitationEvent, Partner
from cmg_core.ds import DossierState
from cmg_core.ds.demarches import HABILITATIONS
from cmg_core.mail import partner_mail
from cmg_core.referential.siret import compact, is_valid_siret

CIVILITES = {"Madame": "Mme", "Monsieur": "M."}


@dataclass(frozen=True)
class Request:
    operation: HabilitationOperation
    civilite: str
    first_name: str
    last_name: str
    email: str
    target_email: str  # MODIFICATION: the person to change
    siret: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.civilite, self.first_name, self.last_name) if p)


def run(ctx: StageContext) -> None:
    ids = resolve_all(ctx, (HABILITATIONS,))
    if ids is not None:
        process_dossiers(ctx, (HABILITATIONS.number,), partial(handle, ids[HABILITATIONS.number]))


def read_request(ids: ChampIds, dossier: DsDossier) -> Request:
    v = ids.values(dossier.champs)
    return Request(
        operation=HabilitationOperation(text(v["operation"]) or "AJOUT"),
        civilite=CIVILITES.get(text(v["civilite"]), text(v["civilite"])),
        first_name=text(v["prenom"]),
        last_name=text(v["nom"]),
        email=text(v["courriel"]).lower(),
        target_email=text(v["courriel_agent_a_modifier"]).lower(),
        siret=compact(text(v["siret"]) or dossier.siret or ""),
    )


def handle(ids: ChampIds, ctx: StageContext, claim: Claim, dossier: DsDossier) -> None:
    request = read_request(ids, dossier)
    with ctx.session() as session:
        partner = session.scalars(sa.select(Partner).where(Partner.siret == request.siret)).first()
        refusal = _refusal(session, dossier, request, partner)
        applied = session.scalar(
            sa.select(sa.func.count()).where(HabilitationEvent.ds_dossier_id == dossier.id)
        )
    remote = ctx.ds.dossier(dossier.number)
    if remote.state is DossierState.ACCEPTE or (refusal is None and remote.state not in
                                                 ds_actions.FINAL_STATES):  # fmt: skip
        motivation = dossier.motivation or ""
        if not applied and partner is not None:
            with ctx.session() as session:
                motivation = _apply(session, dossier, request, partner, ctx.today)
                session.get(DsDossier, dossier.id).motivation = motivation  # for a re-run
        ctx.checkpoint()
        seen = ds_actions.accept(ctx.ds, dossier.number, motivation=motivation)
        finish(ctx, claim, "accepte", motivation, seen)
        return
    motivation = refusal or dossier.motivation or ""
    ctx.checkpoint()
    seen = ds_actions.refuse(ctx.ds, dossier.number, motivation=motivation)
    finish(ctx, claim, "refuse", motivation, seen)


def _refusal(
    session: Session, dossier: DsDossier, request: Request, partner: Partner | None
) -> str | None:
    """Why the request cannot be applied (French), or None."""
    if partner is None and not is_valid_siret(request.siret):
        return texts.INVALID_SIRET.format(siret=request.siret or "(vide)")
    if partner is None:
        return texts.UNKNOWN_SIRET.format(siret=request.siret)
    if dossier.depositor_email.lower() != partner.manager_email.lower():
        return texts.NOT_MANAGER.format(email=dossier.depositor_email, partner=partner.name)
    if not request.email:
        return texts.MISSING_EMAIL
    if request.operation is HabilitationOperation.ADD:
        return None
    target = request.target_email or request.email
    if request.operation is HabilitationOperation.CHANGE:
        target = request.target_email
    person = _person(session, partner, target)
    if person is None or not person.active:
        return texts.UNKNOWN_PERSON.format(email=target or "(vide)", partner=partner.name)
    if request.operation is HabilitationOperation.CHANGE and request.email != target:
        taken = _person(session, partner, request.email)
        if taken is not None and taken.active:
            return texts.EMAIL_TAKEN.format(email=request.email, partner=partner.name)
    return None


def _person(session: Session, partner: Partner, email: str) -> Habilitation | None:
    return session.scalars(
        sa.select(Habilitation).where(
            Habilitation.partner_id == partner.id, Habilitation.email == email
        )
    ).first()


def _snapshot(person: Habilitation) -> dict[str, object]:
    return {
        "email": person.email,
        "civilite": person.civilite,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "active": person.active,
    }


def _apply(
    session: Session, dossier: DsDossier, request: Request, partner: Partner, on: date
) -> str:
    """Change the habilitations as requested; the French motivation sent to the partner."""
    op = request.operation
    key = request.target_email if op is HabilitationOperation.CHANGE else request.email
    person = _person(session, partner, key)
    before = _snapshot(person) if person is not None else None
    if person is None:
        person = Habilitation(partner_id=partner.id, email=request.email)
        session.add(person)
    if op is HabilitationOperation.REMOVE:
        person.active = False
    else:
        person.email = request.email
        person.civilite = request.civilite or person.civilite
        person.first_name = request.first_name or person.first_name
        person.last_name = request.last_name or person.last_name
        person.active = True
    person.source_dossier_id = dossier.id
    session.flush()
    event = HabilitationEvent(
        habilitation_id=person.id,
        operation=op,
        actor_email=dossier.depositor_email,
        ds_dossier_id=dossier.id,
        before=before,
        after=_snapshot(person),
    )
    session.add(event)
    session.flush()
    partner_mail.habilitation_changed(session, partner, event, on)
    return texts.HABILITATION_DONE[op.value].format(
        name=request.name, email=request.email, partner=partner.name, old=key
    )
