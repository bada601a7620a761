"""Marking the words of a query in the original text, whatever diacritics either has."""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from huunghi.core.text import fold

from .folding import fold_for_matching

SNIPPET_CHARS = 240
LONG_TEXT_CHARS = 2000  # longer texts are first cut around the first match (`_region`)
REGION_CHUNK = 1000


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    if char.isspace():
        return " "
    return fold(char) or char


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original character (None
    when every character folds to one: the indexes are the same)."""
    folded = "".join(map(_fold_char, text))
    if len(folded) == len(text):  # no character folds to none, so none folds to two
        return folded, None
    folded, positions = [], []
    for index, char in enumerate(text):
        for out in _fold_char(char):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


def _pattern(terms):
    """Whole-word matches of any of the folded terms, the longest first."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)")


def _spans(text, terms):
    """(start, end) of whole-word matches of the folded terms in the original text."""
    if not terms or not text:
        return []
    folded, positions = _folded_with_positions(text)
    spans = []
    for match in _pattern(terms).finditer(folded):
        if positions is None:
            start, end = match.start(), match.end()
        else:
            start, end = positions[match.start()], positions[match.end() - 1] + 1
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


def _region(text, terms, chars):
    """Of a long text (single spaces), the part around the first match — the chunk that has it,
    with room before and after — found by folding chunk after chunk (fast, whole strings), so the
    character-by-character folding that maps matches back is done on that part only. (part,
    whether text was cut before it, whether after)."""
    pattern = _pattern(terms)
    position = 0
    while position < len(text):
        end = text.find(" ", position + REGION_CHUNK)
        end = len(text) if end < 0 else end
        if pattern.search(fold_for_matching(text[position:end])):
            start = text.rfind(" ", 0, max(0, position - chars)) + 1 if position > chars else 0
            stop = text.find(" ", min(len(text), end + 2 * chars))
            stop = len(text) if stop < 0 else stop
            return text[start:stop], start > 0, stop < len(text)
        position = end + 1
    stop = text.find(" ", 2 * chars)
    stop = len(text) if stop < 0 else stop
    return text[:stop], False, stop < len(text)


def snippet(text, query, *, chars=SNIPPET_CHARS):
    """A window of the text around the first match (or its beginning), highlighted."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    cut_before = cut_after = False
    if len(text) > LONG_TEXT_CHARS and query.terms:
        text, cut_before, cut_after = _region(text, query.terms, chars)
    spans = _spans(text, query.terms)
    if len(text) <= chars and not (cut_before or cut_after):
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
    prefix = "… " if start or cut_before else ""
    suffix = " …" if end < len(text) or cut_after else ""
    return mark_safe(prefix + _mark(window, shifted) + suffix)
