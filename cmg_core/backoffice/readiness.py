"""`ds check`: is the back office ready to work with the DS it is configured for?

In order: which DS (the local sandbox or the real one); the production guards (`ds.guards`);
the token (DS answers at all); each configured démarche (found, published, the instructeur
among its instructeurs); each needed champ (kept by id, or matched by label and type — a
renamed one is a warning); the CMG_DS_CHAMP_… settings given (a misspelt name is a problem).
Read-only against DS and the kept ids (the stages keep what they match); the report itself is
stored (`ds_checks`) for the Automate page. Exit code: 0 ready, 1 not ready (one line per
problem), 2 DS unreachable, or refused before any call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from cmg_core import settings
from cmg_core.backoffice.champ_ids import kept, overrides
from cmg_core.db.models import DsCheck
from cmg_core.db.session import session_scope
from cmg_core.ds import (
    DemarcheState,
    DSClient,
    DSError,
    DSForbidden,
    DSNotFound,
    DSRateLimited,
    DSServerError,
    DSTransportError,
    DSUnauthorized,
    RetryPolicy,
    guards,
)
from cmg_core.ds.demarches import CHAMP_OVERRIDE, DEMARCHES, DemarcheSpec
from cmg_core.ds.descriptors import Kept, Outcome, demarche_words, match

log = logging.getLogger(__name__)
READY, NOT_READY, UNREACHABLE = 0, 1, 2
HOW = {
    Outcome.KEPT: "identifiant gardé",
    Outcome.RENAMED: "identifiant gardé, libellé changé sur DS",
    Outcome.MATCHED: "trouvé par son libellé",
    Outcome.REMATCHED: "remplacé sur DS, retrouvé par son libellé",
    Outcome.OVERRIDDEN: "désigné par le réglage",
}


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


PREFIX = {Level.OK: "", Level.WARNING: "Attention : ", Level.PROBLEM: "Problème : "}


@dataclass
class Report:
    """What `ds check` found: (level, French text) lines and the exit code they make."""

    ds_url: str
    checked_at: datetime
    lines: list[tuple[Level, str]] = field(default_factory=list)
    unreachable: bool = False

    def add(self, level: Level, text: str) -> None:
        self.lines.append((level, text))

    @property
    def problems(self) -> list[str]:
        return [text for level, text in self.lines if level is Level.PROBLEM]

    @property
    def exit_code(self) -> int:
        if self.unreachable:
            return UNREACHABLE
        return NOT_READY if self.problems else READY

    def text_lines(self) -> list[str]:
        """The report as `ds check` prints it: its lines, then its verdict."""
        return [PREFIX[level] + text for level, text in self.lines] + [self.verdict]

    @property
    def verdict(self) -> str:
        return verdict(self.exit_code, len(self.problems))


def verdict(exit_code: int, problems: int) -> str:
    """The report's conclusion in one French sentence."""
    if exit_code == READY:
        return "Prêt : le back office peut travailler avec ce DS."
    if exit_code == NOT_READY:
        plural = "s" if problems > 1 else ""
        return f"Pas prêt : {problems} problème{plural} à régler."
    return "Pas prêt : DS est injoignable, ou les réglages sont refusés avant tout appel."


def check(
    *,
    url: str | None = None,
    timeout: float = 20.0,
    attempts: int = 2,
    now: datetime | None = None,
) -> Report:
    """Check DS as configured (database `url` for the kept ids), each request tried at most
    `attempts` times and given `timeout` seconds; never raises for DS."""
    report = Report(settings.get("CMG_DS_URL"), now or datetime.now(UTC))
    try:
        ds = guards.configured()
    except guards.DSConfigurationError as refused:
        report.unreachable = True
        for line in refused.lines:
            report.add(Level.PROBLEM, line)
        return report
    report.add(Level.OK, f"DS visé : {ds.describe()}.")
    _unknown_overrides(report)
    retry = RetryPolicy(max_attempts=attempts, base_delay=0.5, max_delay=2.0)
    client = DSClient(base_url=ds.base_url, token=ds.token, instructeur_id=ds.instructeur_id,
                      timeout=timeout, retry=retry)  # fmt: skip
    with client:
        for number, spec in enumerate(DEMARCHES):
            if not _demarche(report, client, spec, _kept(report, url, spec), first=number == 0):
                break
    return report


def _demarche(
    report: Report, client: DSClient, spec: DemarcheSpec, kept_ids: dict[str, Kept], *, first: bool
) -> bool:
    """Check one démarche; False when the check must stop (token refused, DS unreachable)."""
    try:
        revision = client.demarche_revision(spec.number)
    except (DSUnauthorized, DSForbidden) as error:
        report.add(Level.PROBLEM, f"DS refuse le jeton ({error.message}) : vérifiez CMG_DS_TOKEN.")
        return False
    except DSNotFound:
        report.add(Level.PROBLEM, f"Démarche {spec.number} ({spec.number_setting}) : "
                   "introuvable sur DS, ou ce jeton n'y a pas accès.")  # fmt: skip
        return True
    except (DSTransportError, DSServerError, DSRateLimited) as error:
        report.unreachable = True
        report.add(Level.PROBLEM, f"DS injoignable ({type(error).__name__}) : {error.message}.")
        return False
    except DSError as error:  # DS answered, but not as this version of the client expects
        report.add(Level.PROBLEM, f"Démarche {spec.number} : DS répond par une erreur "
                   f"({type(error).__name__}) : {error.message}.")  # fmt: skip
        return False
    if first:
        report.add(Level.OK, "Jeton accepté par DS.")
    where = demarche_words(spec, revision)
    matched = match(spec, revision, kept_ids, overrides(spec))
    if revision.state is DemarcheState.CLOSE:
        report.add(Level.WARNING, f"{where} : close, elle ne reçoit plus de dossiers.")
    elif matched.state_problem is None:
        report.add(Level.OK, f"{where} : publiée (révision {revision.revision_id}).")
    if client.instructeur_id not in revision.instructeur_ids:
        report.add(Level.PROBLEM, f"{where} : l'instructeur CMG_DS_INSTRUCTEUR_ID "
                   f"({client.instructeur_id}) n'en est pas instructeur.")  # fmt: skip
    for result in matched.champs:
        if result.descriptor is not None:
            how = HOW[result.outcome]
            if result.outcome is Outcome.OVERRIDDEN:
                how += f" {spec.override_variable(result.champ)}"
            report.add(Level.OK, f"  « {result.champ.label} » → {result.descriptor.id} ({how})")
    for warning in matched.warnings:
        report.add(Level.WARNING, warning)
    for problem in matched.problems:
        report.add(Level.PROBLEM, problem)
    return True


def _kept(report: Report, url: str | None, spec: DemarcheSpec) -> dict[str, Kept]:
    try:
        with session_scope(url) as session:
            return kept(session, spec.number)
    except SQLAlchemyError as error:
        report.add(Level.WARNING, f"Base de données illisible ({type(error).__name__}) : "
                   "les identifiants gardés ne sont pas comparés.")  # fmt: skip
        return {}


def _unknown_overrides(report: Report) -> None:
    """A CMG_DS_CHAMP_… variable that names no needed champ is surely misspelt."""
    valid = {spec.override_variable(champ) for spec in DEMARCHES for champ in spec.champs}
    for name in sorted(set(settings.members_set(CHAMP_OVERRIDE)) - valid):
        report.add(Level.PROBLEM, f"{name} ne désigne aucun champ attendu (réglages possibles : "
                   "voir le tableau de configuration du README).")  # fmt: skip


def store(report: Report, url: str | None = None) -> bool:
    """Keep the report for the Automate page; False when the database cannot take it."""
    try:
        with session_scope(url) as session:
            lines = [[level.value, text] for level, text in report.lines]
            session.add(
                DsCheck(
                    checked_at=report.checked_at,
                    ds_url=report.ds_url,
                    exit_code=report.exit_code,
                    lines=lines,
                )
            )
    except SQLAlchemyError as error:
        log.warning("ds check report not stored: %s", type(error).__name__)
        return False
    return True


def last(session: sa.orm.Session) -> DsCheck | None:
    """The newest stored report."""
    return session.scalars(sa.select(DsCheck).order_by(DsCheck.id.desc()).limit(1)).first()
