"""DS fixtures: a sandbox on a free port (real HTTP, own SQLite file) and a fast client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cmg_core.ds import Dossier, DSClient, RetryPolicy
from cmg_core.ds.demarches import DEMARCHES, MC
from cmg_core.ds.sandbox import Deposited, Sandbox, UploadedFile

FAST_RETRY = RetryPolicy(max_attempts=6, base_delay=0.001, max_delay=0.02, jitter=0.1)
SIRET = "12345678901234"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def sandbox(tmp_path) -> Iterator[Sandbox]:
    with Sandbox(tmp_path / "ds-sandbox.db") as running:
        yield running


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[DSClient]:
    with sandbox.client(retry=FAST_RETRY, timeout=2.0) as ds:
        yield ds


def monthly_file(tag: str = "janvier") -> UploadedFile:
    return UploadedFile(f"attestations-{tag}.xlsx", f"contenu {tag}".encode(), XLSX)


def deposit_mc(
    sandbox: Sandbox, *, tag: str = "10/2026", email: str = "gest@creche.fr"
) -> Deposited:
    """A micro-crèche monthly deposit, as a partner makes it."""
    return sandbox.submit(
        MC, siret=SIRET, email=email, files=[monthly_file(tag.replace("/", "-"))],
        fields={"Mois concerné (MM/AAAA)": tag},
    )  # fmt: skip


def by_key(sandbox: Sandbox, dossier: Dossier) -> dict[str, object]:
    """The dossier's champ values by key (the sandbox names its champs by the product's keys);
    None for a champ the dossier lacks."""
    keys = sandbox.store.champ_keys()
    spec = next(d for d in DEMARCHES if d.number == dossier.demarche_number)
    found = {keys[i]: champ.value for i, champ in dossier.champs.items()}
    return {champ.key: found.get(champ.key) for champ in spec.champs}
