"""The relevance test set (corpus.py) on the database the suite runs on — CI runs it on SQLite and
on PostgreSQL; the expected first results are the same on both."""

import datetime

import pytest

from huunghi import search
from huunghi.portal.models import NewsArticlePage
from huunghi.portal.tests import factories

from .corpus import ARTICLES, QUERIES

pytestmark = pytest.mark.django_db
VN = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def corpus():
    pages = {}
    for number, (key, (title, lead, body)) in enumerate(ARTICLES.items()):
        pages[key] = factories.article(
            "bac-ninh",
            title=title,
            lead=lead,
            paragraphs=[body],
            page_slug=f"relevance-{key}",
            date=datetime.datetime(2024, 1, 1, 8, 0, tzinfo=VN) + datetime.timedelta(days=number),
        )
    return pages


def run(pages, text, limit=5):
    ids = [p.pk for p in pages.values()]
    keys = {p.pk: k for k, p in pages.items()}
    hits = search.search(NewsArticlePage.objects.live().filter(id__in=ids), text, limit=limit)
    return [keys[h.object.pk] for h in hits], hits


def test_relevance_set(corpus):
    assert len(ARTICLES) >= 30 and len(QUERIES) >= 40
    failures = []
    for text, first, top5 in QUERIES:
        found, _hits = run(corpus, text)
        if not found or found[0] not in first or not top5 <= set(found):
            failures.append(f"{text!r}: got {found}, expected first one of {sorted(first)}, top 5 ⊇ {sorted(top5)}")
    assert not failures, "\n".join(failures)


def test_folded_spellings_find_the_same_articles(corpus):
    results = {text: run(corpus, text)[0] for text in ("nghe an", "Nghệ An", "NGHE AN", "nghệ an", "NGHỆ AN")}
    assert len({tuple(r) for r in results.values()}) == 1, results


def test_d_with_stroke_folds_to_d(corpus):
    assert run(corpus, "doan van duc")[0][0] == "doan-van-duc"
    assert run(corpus, "dien bien")[0][0] == "dien-bien"


def test_highlighting_marks_matches_in_the_original_text(corpus):
    _found, hits = run(corpus, "dien bien phu")
    assert "<mark>Điện Biên Phủ</mark>" in hits[0].title_html
    _found, hits = run(corpus, "lao")
    assert any("<mark>Lào</mark>" in (h.title_html + h.snippet_html) for h in hits)


def test_empty_and_punctuation_queries_find_nothing(corpus):
    assert run(corpus, "")[0] == []
    assert run(corpus, "  ?!  ")[0] == []


def test_html_in_the_query_is_escaped_in_highlights(corpus):
    _found, hits = run(corpus, "<script>nghe an</script>")
    assert hits and "<script>" not in hits[0].title_html


def test_autocomplete_folds_like_search(corpus):
    ids = [p.pk for p in corpus.values()]
    articles = NewsArticlePage.objects.live().filter(id__in=ids)
    for typed in ("dien bi", "Điện Bi", "DIEN BI"):
        titles = [page.title for page in search.search_autocomplete(articles, typed)]
        assert "Điện Biên Phủ: 70 năm chiến thắng lừng lẫy năm châu" in titles, (typed, titles)
