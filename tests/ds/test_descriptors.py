"""Matching the champs the product needs to a revision's champ descriptors (pure)."""

from __future__ import annotations

from cmg_core.ds import ChampDescriptor, DemarcheRevision, DemarcheState
from cmg_core.ds.demarches import HABILITATIONS, MC
from cmg_core.ds.descriptors import Kept, Outcome, match, normalise

PJ, TEXT, BOX = (
    "PieceJustificativeChampDescriptor",
    "TextChampDescriptor",
    "CheckboxChampDescriptor",
)


def revision(*descriptors: tuple[str, str, str], state=DemarcheState.PUBLIEE) -> DemarcheRevision:
    return DemarcheRevision(
        number=MC.number,
        title="Attestation mensuelle MC",
        state=state,
        revision_id="UmV2LTI=",
        descriptors=tuple(ChampDescriptor(t, i, label, True) for t, i, label in descriptors),
        instructeur_ids=frozenset(),
    )


STANDARD = (
    (PJ, "id-file", "Fichier mensuel (modèle Excel)"),
    (TEXT, "id-month", "Mois concerné (MM/AAAA)"),
    (BOX, "id-ok", "J'accepte les conditions"),
)


def outcomes(result) -> dict[str, tuple[Outcome, str | None]]:
    return {
        m.champ.key: (m.outcome, m.descriptor.id if m.descriptor else None) for m in result.champs
    }


def test_labels_compare_without_case_accents_punctuation_or_spacing():
    assert normalise("  J’accepte  les CONDITIONS ") == normalise("J'accepte les conditions")
    assert normalise("Mois concerné (MM/AAAA)") == "mois concerne mm aaaa"


def test_a_first_match_finds_each_champ_by_label_and_type():
    result = match(MC, revision(*STANDARD), {}, {})
    assert result.problems == [] and result.warnings == []
    assert result.ids == {"fichier": "id-file", "mois": "id-month", "conditions": "id-ok"}
    assert {o for o, _ in outcomes(result).values()} == {Outcome.MATCHED}


def test_a_kept_id_is_followed_through_a_rename_with_a_warning():
    renamed = revision(STANDARD[0], (TEXT, "id-month", "Mois de garde"), STANDARD[2])
    kept = {"mois": Kept("id-month", "Mois concerné (MM/AAAA)")}
    result = match(MC, renamed, kept, {})
    assert outcomes(result)["mois"] == (Outcome.RENAMED, "id-month")
    assert result.problems == []
    (warning,) = result.warnings
    assert "« Mois concerné (MM/AAAA) » s'appelle désormais « Mois de garde »" in warning


def test_an_id_that_left_the_revision_is_matched_again_by_label():
    replaced = revision((PJ, "id-file-2", "Fichier mensuel (modèle Excel)"), *STANDARD[1:])
    result = match(MC, replaced, {"fichier": Kept("id-file", "Fichier mensuel (modèle Excel)")}, {})
    assert outcomes(result)["fichier"] == (Outcome.REMATCHED, "id-file-2")


def test_no_champ_of_that_label_stops_with_one_french_line_naming_what_was_found():
    replaced = revision((PJ, "id-new", "Fichier du mois"), *STANDARD[1:])
    result = match(MC, replaced, {"fichier": Kept("id-file", "Fichier mensuel (modèle Excel)")}, {})
    (problem,) = result.problems
    assert problem.startswith(f"Démarche {MC.number} (Attestation mensuelle MC) : aucun champ")
    assert "« Fichier mensuel (modèle Excel) » de type pièce justificative" in problem
    assert "« Fichier du mois » (id-new)" in problem and "CMG_DS_CHAMP_MC_FICHIER" in problem
    assert "\n" not in problem


def test_a_champ_of_the_right_label_but_another_type_is_named():
    wrong = revision((TEXT, "id-file", "Fichier mensuel (modèle Excel)"), *STANDARD[1:])
    (problem,) = match(MC, wrong, {}, {}).problems
    assert "existe mais de type texte" in problem and "aucun champ de type pièce" in problem


def test_two_champs_of_the_label_ask_for_the_setting():
    twice = revision(*STANDARD, (TEXT, "id-month-2", "Mois concerné (MM/AAAA)"))
    (problem,) = match(MC, twice, {}, {}).problems
    assert "2 champs « Mois concerné (MM/AAAA) »" in problem
    assert "id-month" in problem and "id-month-2" in problem and "CMG_DS_CHAMP_MC_MOIS" in problem


def test_the_setting_settles_by_id_or_by_label():
    twice = revision(*STANDARD, (TEXT, "id-month-2", "Mois concerné (MM/AAAA)"))
    by_id = match(MC, twice, {}, {"mois": "id-month-2"})
    assert outcomes(by_id)["mois"] == (Outcome.OVERRIDDEN, "id-month-2")
    other = revision((PJ, "id-new", "Fichier du mois"), *STANDARD[1:])
    by_label = match(MC, other, {}, {"fichier": "fichier du mois"})
    assert outcomes(by_label)["fichier"] == (Outcome.OVERRIDDEN, "id-new")
    assert by_label.problems == []


def test_a_setting_naming_nothing_is_a_problem_naming_the_setting():
    (problem,) = match(MC, revision(*STANDARD), {}, {"fichier": "id-month"}).problems
    assert "CMG_DS_CHAMP_MC_FICHIER = « id-month » ne désigne aucun champ" in problem


def test_an_optional_champ_may_be_absent_with_a_warning_not_a_problem():
    result = match(MC, revision(STANDARD[0], STANDARD[2]), {}, {})
    assert result.problems == []
    assert outcomes(result)["mois"] == (Outcome.ABSENT, None)
    assert "facultatif « Mois concerné (MM/AAAA) » est absent" in result.warnings[0]


def test_an_unpublished_demarche_is_one_problem():
    result = match(MC, revision(*STANDARD, state=DemarcheState.BROUILLON), {}, {})
    assert result.problems == [
        f"Démarche {MC.number} (Attestation mensuelle MC) : elle n'est pas publiée sur DS "
        "(état : brouillon) ; publiez-la ou corrigez CMG_DEMARCHE_MC."
    ]


def test_e_mail_champs_match_text_champs_and_ds_civilite_a_list():
    descriptors = [
        ("DropDownListChampDescriptor", "a", "Opération"),
        ("CiviliteChampDescriptor", "b", "Civilité"),
        (TEXT, "c", "Prénom"),
        (TEXT, "d", "Nom"),
        ("EmailChampDescriptor", "e", "Courriel"),
        ("SiretChampDescriptor", "g", "SIRET de la structure"),
    ]
    result = match(HABILITATIONS, revision(*descriptors), {}, {})
    assert result.problems == []
    assert result.ids["courriel"] == "e" and "courriel_agent_a_modifier" not in result.ids
    assert result.ids["civilite"] == "b"
