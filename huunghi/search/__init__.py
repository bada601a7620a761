"""Vietnamese-aware search (tìm kiếm) used by the public portal and the back office.

Text and queries meet in one folded form (`huunghi.core.text.fold`: NFC, lower case, diacritics
removed, đ→d), so "nghe an", "NGHE AN" and "Nghệ An" find the same articles on SQLite and
PostgreSQL. `search` ranks candidates with one scoring in Python — the same on every database:
title before lead before body, every word found before some, the whole phrase before scattered
words, the diacritics as typed before other spellings — and `highlight` marks the matches in the
original text. On PostgreSQL the candidates and what the scoring needs of them come from search
documents prepared when an object is saved (`documents`, `postgres`); elsewhere from Wagtail's
search backend, which indexes folded copies of the fields, and the objects' texts.
"""

from .highlight import highlight, snippet
from .query import Query, parse_query
from .ranking import Hit, search, search_autocomplete

__all__ = ["Hit", "Query", "highlight", "parse_query", "search", "search_autocomplete", "snippet"]
