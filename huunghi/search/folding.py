"""`fold` (huunghi.core.text) made fast for long texts, for ranking: the same words, by Unicode
decomposition and one regular expression instead of a table lookup per character (ranking folds
the bodies of up to 200 articles, and `str.translate` took most of a search's time)."""

import re
import unicodedata

from huunghi.core.text import fold

# Every combining mark of the Basic Multilingual Plane: what `fold` drops after decomposing.
_COMBINING = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))) + "]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Anything but ASCII and the combining diacritics Latin (Vietnamese) letters decompose into.
_NOT_LATIN = re.compile("[^\x00-\x7f\u0300-\u036f]")


def fold_for_matching(text):
    """The words of `fold(text)` (tested on Vietnamese, Lao and other scripts); spacing may differ."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    if _NOT_LATIN.search(decomposed) is None:
        # Vietnamese and other Latin text: ASCII letters and marks; dropping the marks in C is
        # three times faster than the substitution below.
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    if _ASTRAL.search(text):
        return fold(text)  # marks outside the plane above: the exact, slower path
    return _COMBINING.sub("", decomposed).lower()
