"""Marking the words of a query in the original text, whatever diacritics either has."""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from huunghi.core.text import fold

SNIPPET_CHARS = 240


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    if char.isspace():
        return " "
    return fold(char) or char


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original character."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for out in _fold_char(char):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


def _spans(text, terms):
    """(start, end) of whole-word matches of the folded terms in the original text."""
    if not terms or not text:
        return []
    folded, positions = _folded_with_positions(text)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)"
    )
    spans = []
    for match in pattern.finditer(folded):
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        # Words next to each other are marked as one phrase: <mark>Nghệ An</mark>.
        if spans and (start <= spans[-1][1] or text[spans[-1][1] : start].isspace()):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _mark(text, spans):
    out, cursor = [], 0
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


def highlight(text, query):
    """The whole text, HTML-escaped, with the query's words in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    return _mark(text, _spans(text, query.terms))


def snippet(text, query, *, chars=SNIPPET_CHARS):
    """A window of the text around the first match (or its beginning), highlighted."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    spans = _spans(text, query.terms)
    if len(text) <= chars:
        return _mark(text, spans)
    start = 0
    if spans:
        start = max(0, spans[0][0] - chars // 4)
        space = text.rfind(" ", 0, start)
        start = space + 1 if start and space >= 0 else start
    end = min(len(text), start + chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    shifted = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + _mark(window, shifted) + suffix)
