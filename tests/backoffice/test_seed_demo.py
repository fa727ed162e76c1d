"""The demo's sample dossiers, built from the synthetic referential, go through the back
office: the manager's habilitation accepted, the other refused, valid files accepted with a
bilan, the faulty one sent back for correction."""

from __future__ import annotations

from datetime import date

from cmg_core.backoffice.runner import run_all
from cmg_core.cli.seed_demo import submit_demo_dossiers
from cmg_core.db import migrate
from cmg_core.db.session import dispose_all, session_scope
from cmg_core.ds import DossierState
from cmg_core.referential.seed import seed_referential
from tests.backoffice import world


def test_the_demo_dossiers_reach_every_kind_of_decision(sandbox, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        seed_referential(session, families=300)
    demo = submit_demo_dossiers(today=date(2026, 11, 26), store=sandbox.store, url=url)
    run_all(world.options(url, sandbox, tmp_path / "storage"))
    with sandbox.client() as client:
        accepted, refused = (client.dossier(n).state for n in demo.habilitations)
        states = {n: client.dossier(n).state for n in demo.monthly}
        faulty = client.dossier(demo.faulty)
    assert (accepted, refused) == (DossierState.ACCEPTE, DossierState.REFUSE)
    assert faulty.state is DossierState.EN_CONSTRUCTION
    assert faulty.messages[-1].correction_reason is not None
    assert [s for n, s in states.items() if n != demo.faulty] == [DossierState.ACCEPTE] * 4
    dispose_all()
