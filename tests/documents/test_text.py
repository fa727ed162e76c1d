from cmg_core.documents.text import to_cp1252


def test_letters_outside_windows_1252_are_transliterated_to_their_latin_base():
    assert to_cp1252("Łukasz") == "Lukasz"
    assert to_cp1252("Ștefan Đorđević") == "Stefan Dordevic"
    assert to_cp1252("Nguyễn Thị") == "Nguyen Thi"


def test_french_accents_the_euro_sign_and_typographic_marks_are_kept():
    text = "Hélène, Gaël, François, à l’école — 1 234,50 €"
    assert to_cp1252(text) == text


def test_emojis_and_invisible_joiners_are_dropped():
    assert to_cp1252("Léa 👶🏽") == "Léa "
    assert to_cp1252("👨\u200d👩\u200d👧Ana") == "Ana"


def test_decomposed_accents_from_macos_are_composed_and_kept():
    assert to_cp1252("Zoe\u0301") == "Zoé"


def test_letters_of_other_scripts_become_question_marks_so_their_absence_shows():
    assert to_cp1252("王 Li") == "? Li"


def test_typographic_spaces_and_controls_become_spaces_the_fonts_have():
    assert to_cp1252("1\u202f234") == "1\u00a0234"
    assert to_cp1252("a\tb") == "a b"


def test_every_transliterated_text_encodes_in_windows_1252():
    text = "Łódź ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ωmega ﬁn \u2028 ẞ"
    to_cp1252(text).encode("windows-1252")
