"""Vietnamese-aware search (tìm kiếm) used by the public portal and the back office.

Text and queries meet in one folded form (`huunghi.core.text.fold`: NFC, lower case, diacritics
removed, đ→d), so "nghe an", "NGHE AN" and "Nghệ An" find the same articles on SQLite and
PostgreSQL. Models index folded copies of their fields with Wagtail's search backend (candidate
retrieval); `search` then ranks the candidates with one scoring in Python — the same on every
database: title before lead before body, every word found before some, the whole phrase before
scattered words, the diacritics as typed before other spellings — and `highlight` marks the
matches in the original text.
"""

from .highlight import highlight, snippet
from .query import Query, parse_query
from .ranking import Hit, search, search_autocomplete

__all__ = ["Hit", "Query", "highlight", "parse_query", "search", "search_autocomplete", "snippet"]
