"""The templates hold SPEC §2's headers and guidance byte for byte."""

from cmg_core import templates

SPEC_MC = (
    "MOIS CONCERNE (MM/AAAA)",
    "NUMERO ALLOCATAIRE",
    "NOM ENFANT GARDE",
    "PRENOM ENFANT GARDE",
    "DATE NAISSANCE ENFANT GARDE (JJ/MM/AAAA)",
    "TOTAL NB HEURE DE GARDE (Y COMPRIS HEURES SPECIFIQUES)",
    "NB HEURES SPECIFIQUES",
    "MONTANT DE LA DEPENSE",
    "DATE DE FIN DE GARDE",
)
SPEC_GAD = (
    "MOIS CONCERNE (MM/AAAA)",
    "NUMERO ALLOCATAIRE",
    "TOTAL NB HEURE DE GARDE (Y COMPRIS HEURES SPECIFIQUES)",
    "NB HEURES SPECIFIQUES",
    "MONTANT DE LA DEPENSE",
    "DATE DE FIN DE GARDE",
)
HOURS_GUIDANCE = (
    "Le nombre d'heure doit être arrondi à l'unité inférieure - exemple, pour 15h30 => indiquer 15"
)


def test_mc_headers_are_exactly_the_specs():
    assert templates.MC.headers == SPEC_MC


def test_gad_headers_are_exactly_the_specs():
    assert templates.GAD.headers == SPEC_GAD


def test_guidance_sits_under_the_columns_the_spec_names():
    assert templates.MC.guidance_row == (
        "",
        "7 chiffres sans la lettre clé",
        "",
        "",
        "",
        HOURS_GUIDANCE,
        "",
        "",
        "",
    )
    assert templates.GAD.guidance_row == (
        "",
        "7 chiffres sans la lettre clé",
        HOURS_GUIDANCE,
        "",
        "",
        "format JJ/MM/AAAA",
    )


def test_column_letters_follow_the_declaration_order():
    assert templates.MC.letter("amount") == "H"
    assert templates.GAD.letter("amount") == "E"


def test_column_letters_count_as_excel_does_past_z():
    letters = [templates.column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703, 16_384)]
    assert letters == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
