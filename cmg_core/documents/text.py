"""Text for the PDF core fonts: anything a person typed, brought into windows-1252.

Names come from partners' files and may hold letters the core fonts cannot print (Ł, ș, ő, ı),
typographic spaces, combining accents or emojis. Rendering must never fail on them: letters are
transliterated to their closest windows-1252 form, symbols and invisible characters are dropped,
and a letter with no Latin form (another script) becomes "?", so that its absence is visible.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ENCODING = "windows-1252"
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the line feed

# Letters NFKD does not decompose into a Latin base letter, and typographic characters.
_SPECIAL = {
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Ħ": "H",
    "ħ": "h",
    "ı": "i",
    "Ŧ": "T",
    "ŧ": "t",
    "ĸ": "k",
    "Ŋ": "N",
    "ŋ": "n",
    "ƒ": "f",
    "ẞ": "SS",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2212": "-",  # minus sign
    "\u2009": " ",  # thin space
    "\u2002": " ",  # en space
    "\u2003": " ",  # em space
    "\u202f": "\u00a0",  # narrow no-break space (French typography)
    "\u2007": "\u00a0",  # figure space
    "\u2032": "'",  # prime
    "\u02bc": "\u2019",  # modifier apostrophe
}


def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=4096)
def _char(char: str) -> str:
    if _encodable(char):
        return " " if unicodedata.category(char) == "Cc" and char != "\n" else char
    if char in _SPECIAL:
        return _SPECIAL[char]
    category = unicodedata.category(char)
    if category.startswith("Z"):
        return " "
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", char)
        if _encodable(c) and not unicodedata.combining(c)
    )
    if base:
        return base
    return "?" if category.startswith("L") else ""


def to_cp1252(text: str) -> str:
    """The text, printable by the core fonts: `"Łukasz 👶"` → `"Lukasz "`, `"Ștefan"` → `"Stefan"`.

    Decomposed accents (`e` + U+0301, as macOS writes them) are composed first, so `é` stays `é`.
    """
    if not _CONTROLS.search(text):
        try:
            text.encode(ENCODING)
        except UnicodeEncodeError:
            pass
        else:
            return text  # the common case: nothing to change
    text = unicodedata.normalize("NFC", text)
    return "".join(_char(c) for c in text)
