"""`partners import FILE.csv`: Excel's `;` CSV in UTF-8 (with or without BOM) or Windows-1252,
all or nothing, one French message per bad line."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.cli import main
from cmg_core.db.models import Partner
from cmg_core.db.session import session_scope

HEADER = "SIRET;Nom;Type;Référence convention;Courriel gestionnaire;Date convention;Commune"
LINES = [
    "732 829 320 00074;Micro-crèche Les Écureuils;MC;CONV-1;hab@ecureuils.example;"
    "15/03/2025;Angers",
    "35600000049837;Garde Poste à Domicile;GAD;CONV-2;hab@poste.example;;Saumur",
]


def _write(tmp_path, lines, encoding="utf-8", bom=False):
    path = tmp_path / "partenaires.csv"
    content = "\r\n".join(lines).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + content)
    return path


def _count(url) -> int:
    with session_scope(url) as session:
        return session.scalar(sa.select(sa.func.count()).select_from(Partner))


def _names(url) -> set[str]:
    with session_scope(url) as session:
        return set(session.scalars(sa.select(Partner.name)))


def test_utf8_with_bom_is_imported(database, tmp_path, capsys):
    assert main(["partners", "import", str(_write(tmp_path, [HEADER, *LINES], bom=True))]) == 0
    assert "Import terminé : 2 structures ajoutées." in capsys.readouterr().out
    assert {"Micro-crèche Les Écureuils", "Garde Poste à Domicile"} <= _names(database)


def test_cp1252_as_excel_writes_it_is_imported(database, tmp_path):
    assert main(["partners", "import", str(_write(tmp_path, [HEADER, *LINES], "cp1252"))]) == 0
    assert "Micro-crèche Les Écureuils" in _names(database)


def test_utf8_without_bom_and_columns_in_another_order(database, tmp_path):
    header = "Courriel gestionnaire;SIRET;type;Nom;reference convention"
    line = "hab@x.example;73282932000074;gad;Anjou Test;CONV-9"
    assert main(["partners", "import", str(_write(tmp_path, [header, line]))]) == 0
    assert "Anjou Test" in _names(database)


def test_one_bad_line_refuses_the_whole_file_with_a_message_per_line(database, tmp_path, capsys):
    before = _count(database)
    lines = [
        HEADER,
        *LINES,
        "73282932000075;Mauvais SIRET;MC;CONV-3;hab@m.example;;",
        "73282932000074;Doublon;MC;CONV-4;hab@d.example;;",
        ";Sans SIRET;GAD;CONV-5;hab@s.example;;",
    ]
    assert main(["partners", "import", str(_write(tmp_path, lines))]) == 2
    err = capsys.readouterr().err
    assert "Import refusé, aucune structure ajoutée" in err
    assert "ligne 4 : le SIRET « 73282932000075 » n'est pas valide" in err
    assert "ligne 5 : « 73282932000074 » figure déjà ligne 2" in err
    assert "ligne 6 : le champ « SIRET » est obligatoire" in err
    assert _count(database) == before


def test_a_partner_already_registered_refuses_the_file(database, tmp_path, capsys):
    assert main(["partners", "import", str(_write(tmp_path, [HEADER, LINES[0]]))]) == 0
    assert main(["partners", "import", str(_write(tmp_path, [HEADER, *LINES]))]) == 2
    assert "ligne 2 : la structure de SIRET 73282932000074 existe déjà" in capsys.readouterr().err
    assert "Garde Poste à Domicile" not in _names(database)


def test_a_wrong_header_names_the_missing_columns_and_the_expected_header(
    database, tmp_path, capsys
):
    path = _write(tmp_path, ["SIRET,Nom,Type", "73282932000074,X,MC"])  # commas, not ;
    assert main(["partners", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "colonnes manquantes" in err and "en-tête attendu : SIRET;Nom;Type" in err


def test_an_unreadable_file_is_a_french_error(database, tmp_path, capsys):
    assert main(["partners", "import", str(tmp_path / "absent.csv")]) == 2
    assert "impossible de lire" in capsys.readouterr().err
