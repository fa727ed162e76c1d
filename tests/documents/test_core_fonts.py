from cmg_core.documents.core_fonts import PT, core_string, text_units, wrap_lines


def _width_mm(text: str, size_pt: float = 10) -> float:
    return text_units("helvetica", text) * size_pt * 0.001 * PT


def test_a_text_that_fits_stays_on_one_line():
    assert wrap_lines("helvetica", 10, "Micro-crèche", 50) == ("Micro-crèche",)


def test_words_wrap_at_spaces_and_every_line_fits():
    text = "La structure certifie l'exactitude des informations déclarées ci-dessus."
    lines = wrap_lines("helvetica", 10, text, 40)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(_width_mm(line) <= 40 for line in lines)


def test_a_word_longer_than_the_line_is_cut_without_losing_a_letter():
    word = "Anticonstitutionnellement-et-encore-davantage"
    lines = wrap_lines("helvetica", 10, word, 20)
    assert len(lines) > 1 and "".join(lines) == word
    assert all(_width_mm(line) <= 20 for line in lines)


def test_line_feeds_start_new_lines():
    assert wrap_lines("helvetica", 10, "Ligne 1\nLigne 2", 100) == ("Ligne 1", "Ligne 2")


def test_the_euro_sign_is_encoded_as_windows_1252_byte_0x80():
    assert core_string("12 €") == "12 \x80"
