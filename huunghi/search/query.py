"""A reader's query: the text as typed (NFC) and its folded words."""

import re
import unicodedata
from dataclasses import dataclass

from huunghi.core.text import fold, tidy

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    text: str  # NFC, tidy spaces, as typed
    folded: str  # the folded words joined by single spaces
    terms: tuple  # folded words, in order, duplicates kept out
    exact_terms: tuple  # lower-case words with their diacritics, as typed

    def __bool__(self):
        return bool(self.terms)


def parse_query(text):
    """NFC first (an NFD query otherwise finds nothing), then fold; punctuation separates words."""
    text = tidy(unicodedata.normalize("NFC", str(text or "")))[:MAX_QUERY_CHARS]
    words = _WORD.findall(fold(text))[:MAX_TERMS]
    terms = tuple(dict.fromkeys(words))
    exact = tuple(dict.fromkeys(w.lower() for w in _WORD.findall(text)))[:MAX_TERMS]
    return Query(text=text, folded=" ".join(words), terms=terms, exact_terms=exact)
