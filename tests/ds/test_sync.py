"""Dossiers page by page over real HTTP: full sync, incremental sync, drafts, states."""

from __future__ import annotations

from datetime import UTC, datetime

from cmg_core.ds import DossierState
from cmg_core.ds.demarches import GAD, MC
from tests.ds.conftest import SIRET, by_key, deposit_mc, monthly_file

SINCE = datetime(2020, 1, 1, tzinfo=UTC)  # kept fixed across syncs, as DS recommends


def sync(client, cursor, *, demarche=MC):
    """What the back office does: per page, keep the rows and the cursor together."""
    seen: list[int] = []
    pages = 0
    for page in client.dossier_pages(demarche.number, after=cursor, updated_since=SINCE):
        seen += [d.number for d in page.dossiers]
        cursor = page.end_cursor  # saved with the page's rows, in one transaction
        pages += 1
    return seen, cursor, pages


def test_a_full_then_an_incremental_sync_see_every_dossier_once_then_only_the_changed(
    sandbox, client
):
    numbers = [deposit_mc(sandbox, tag=f"{i % 12 + 1:02d}/2026").number for i in range(250)]

    seen, cursor, pages = sync(client, None)
    assert (sorted(seen), len(seen), pages) == (numbers, 250, 3)

    changed = [numbers[3], numbers[150], numbers[249]]
    for number in changed:
        sandbox.update(number, files=[monthly_file("corrige")])
    client.dossier_passer_en_instruction(client.dossier(numbers[77]).id)
    changed.append(numbers[77])

    seen_again, new_cursor, _ = sync(client, cursor)
    assert sorted(seen_again) == sorted(changed)

    nothing, kept_cursor, _ = sync(client, new_cursor)
    assert nothing == [] and kept_cursor == new_cursor  # never overwritten by null


def test_pages_hold_at_most_100_dossiers_ordered_by_modification(sandbox, client):
    for _ in range(120):
        deposit_mc(sandbox)
    first = client.dossier_page(MC.number, updated_since=SINCE, first=500)
    assert len(first.dossiers) == 100 and first.has_next_page
    stamps = [(d.date_derniere_modification, d.number) for d in first.dossiers]
    assert stamps == sorted(stamps)


def test_drafts_are_never_returned(sandbox, client):
    draft = sandbox.submit(MC, siret=SIRET, email="a@b.fr", files=[monthly_file()], draft=True)
    deposited = deposit_mc(sandbox)
    page = client.dossier_page(MC.number)
    assert [d.number for d in page.dossiers] == [deposited.number]
    assert draft.number != deposited.number


def test_the_state_filter_returns_only_dossiers_in_that_state(sandbox, client):
    a, b = deposit_mc(sandbox), deposit_mc(sandbox)
    client.dossier_passer_en_instruction(b.id)
    page = client.dossier_page(MC.number, state=DossierState.EN_INSTRUCTION)
    assert [d.number for d in page.dossiers] == [b.number]
    assert a.number not in [d.number for d in page.dossiers]


def test_dossiers_of_another_demarche_stay_out_of_the_page(sandbox, client):
    deposit_mc(sandbox)
    gad = sandbox.submit(GAD, siret=SIRET, email="a@b.fr", files=[monthly_file()])
    page = client.dossier_page(GAD.number)
    assert [d.number for d in page.dossiers] == [gad.number]
    assert page.dossiers[0].demarche_number == GAD.number


def test_a_dossier_comes_back_typed_with_usager_siret_and_champs(sandbox, client):
    deposit_mc(sandbox, tag="10/2026", email="directrice@creche.fr")
    (dossier,) = client.dossier_page(MC.number).dossiers
    values = by_key(sandbox, dossier)
    assert dossier.state is DossierState.EN_CONSTRUCTION
    assert (dossier.usager_email, dossier.demandeur_siret) == ("directrice@creche.fr", SIRET)
    assert values["mois"] == "10/2026" and values["conditions"] is True
    (file,) = values["fichier"]
    assert file.filename == "attestations-10-2026.xlsx" and file.byte_size == len(
        b"contenu 10-2026"
    )
