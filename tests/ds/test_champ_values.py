"""One converter per DS champ type; a dossier's champs kept by descriptor id."""

from __future__ import annotations

from datetime import date

from cmg_core.ds import champ_values, parse
from cmg_core.ds.demarches import DEMARCHES, DESCRIPTOR_TYPES, HABILITATIONS, ChampType

FILE = {
    "filename": "janvier.xlsx",
    "contentType": "application/vnd.ms-excel",
    "checksum": "XUFAKrxLKna5cZ2REBfFkg==",
    "byteSizeBigInt": "5",
    "url": "https://storage.test/f?sig=1",
}


def node(typename: str, **fields) -> dict:
    base = {"__typename": typename, "champDescriptorId": "Q2hhbXAtMQ==", "label": "L"}
    return base | fields


def value(typename: str, **fields):
    return champ_values.convert(node(typename, **fields), dossier_number=7).value


def test_text_champs_give_their_text_and_none_when_empty():
    assert (
        value("TextChamp", text="anne@creche.fr", stringValue="anne@creche.fr") == "anne@creche.fr"
    )
    assert value("TextChamp", text=None, stringValue=None) is None


def test_checkbox_champs_read_the_aliased_checked_value():
    assert value("CheckboxChamp", checked=True, stringValue="true") is True
    assert value("CheckboxChamp", checked=False, stringValue="false") is False


def test_yes_no_champs_keep_an_unanswered_question_as_none():
    assert value("YesNoChamp", yesNo=True) is True
    assert value("YesNoChamp", yesNo=None) is None


def test_date_champs_become_dates():
    assert value("DateChamp", date="2026-10-01") == date(2026, 10, 1)


def test_drop_down_champs_give_the_chosen_option():
    assert value("DropDownListChamp", choice="MODIFICATION") == "MODIFICATION"


def test_siret_champs_prefer_the_etablissement_then_the_typed_text():
    assert value("SiretChamp", etablissement={"siret": "12345678901234"}) == "12345678901234"
    assert value("SiretChamp", etablissement=None, stringValue="123 456 789 01234") == (
        "12345678901234"
    )


def test_piece_justificative_champs_give_files_with_an_integer_size():
    (file,) = value("PieceJustificativeChamp", files=[FILE])
    assert (file.filename, file.byte_size, file.dossier_number) == ("janvier.xlsx", 5, 7)
    assert file.champ_descriptor_id == "Q2hhbXAtMQ=="


def test_an_unknown_champ_type_falls_back_to_its_string_value():
    assert value("IntegerNumberChamp", stringValue="42") == "42"


def test_a_dossier_keeps_its_champs_by_descriptor_id_and_its_revision():
    conditions = node("CheckboxChamp", checked=True, label="Renamed")
    conditions["champDescriptorId"] = "Q2hhbXAtOTk="
    fichier = node("PieceJustificativeChamp", files=[FILE])
    dossier = parse.dossier(
        {
            "id": "RG9zc2llci03",
            "number": 7,
            "state": "en_construction",
            "dateDepot": "2026-11-02T09:00:00+01:00",
            "dateDerniereModification": "2026-11-02T09:00:00+01:00",
            "demarche": {"number": 1002, "revision": {"id": "UmV2aXNpb24tMg=="}},
            "usager": {"email": "gest@creche.fr"},
            "demandeur": {"__typename": "PersonneMorale", "siret": "12345678901234"},
            "champs": [conditions, fichier],
        }
    )
    assert dossier.value("Q2hhbXAtOTk=") is True and dossier.value("Q2hhbXAtMTAw") is None
    assert [f.filename for f in dossier.files] == ["janvier.xlsx"]
    assert dossier.demandeur_siret == "12345678901234"
    assert dossier.revision_id == "UmV2aXNpb24tMg=="


def test_every_configured_champ_type_has_a_converter_and_descriptor_types():
    assert set(DESCRIPTOR_TYPES) == set(ChampType)
    assert {c.type.value for d in DEMARCHES for c in d.champs} <= set(champ_values.CONVERTERS)
    assert set(ChampType) == {ChampType(t) for t in champ_values.CONVERTERS}


def test_the_habilitations_demarche_offers_the_three_operations():
    assert HABILITATIONS.champ("operation").options == ("AJOUT", "MODIFICATION", "SUPPRESSION")
    assert [d.number_setting for d in DEMARCHES] == [
        "CMG_DEMARCHE_HABILITATIONS",
        "CMG_DEMARCHE_MC",
        "CMG_DEMARCHE_GAD",
    ]
