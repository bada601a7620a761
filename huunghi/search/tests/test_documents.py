"""Search documents: what they hold, that they follow publishing, editing and deleting at once, and
that on PostgreSQL the analysis read from them is the one Python makes of the texts."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from huunghi import search
from huunghi.portal.models import NewsArticlePage
from huunghi.portal.selectors import article_list
from huunghi.portal.tests import factories
from huunghi.search.documents import document_values
from huunghi.search.models import SearchDocument
from huunghi.search.query import parse_query
from huunghi.search.ranking import _Matcher

from .corpus import ARTICLES, QUERIES

pytestmark = pytest.mark.django_db
HOST = "nghe-an.localhost"
VN = datetime.timezone(datetime.timedelta(hours=7))
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the vectors exist on PostgreSQL")


def document(page):
    content_type = ContentType.objects.get_for_model(NewsArticlePage)
    return SearchDocument.objects.filter(content_type=content_type, object_id=page.pk).first()


def portal_titles(client, text):
    response = client.get("/tim-kiem/", {"q": text}, HTTP_HOST=HOST)
    assert response.status_code == 200
    return [hit.object.title for hit in response.context["hits"]]


def test_document_values_count_folded_words_per_field():
    values = document_values({"title": "Nghệ An đón đoàn", "lead": "Đoàn Nghệ An", "body": "nghe an, NGHỆ AN."})
    assert values["counts"]["nghe"] == [1, 1, 2]
    assert values["counts"]["doan"] == [1, 1, 0]
    assert values["title"] == "Nghệ An đón đoàn" and values["body"] == "nghe an, NGHỆ AN."
    vector = values["vector"]
    assert "'nghe':1A,7B,10C,12C" in vector  # fields a position apart: no phrase across two fields
    assert "'nghệ':1A" in vector and "'đoàn':" in vector  # words written with diacritics, as written
    assert "'an':" in vector and "'án'" not in vector
    assert sorted(values["title_vector"].split()) == ["'an'", "'doan'", "'don'", "'nghe'"]


def test_other_fields_join_the_body():
    values = document_values({"title": "Tiêu đề", "body": "thân", "caption": "Ảnh: Nguyễn Đức"})
    assert values["counts"]["duc"] == [0, 0, 1] and values["lead"] == ""


def test_publishing_editing_and_deleting_keep_the_document_in_step(client):
    first, second = "Đoàn Tuyên Quang thăm Phiêng Luông", "Đoàn Tuyên Quang thăm Bản Mạy Xơn"
    page = factories.article(title=first, lead="Chuyến thăm hữu nghị.")
    assert document(page).title == first
    assert first in portal_titles(client, "phieng luong")

    page.refresh_from_db()
    page.unpublish()
    assert first not in portal_titles(client, "phieng luong")  # at once: no rebuild, no cache between

    factories.article(title=second, page_slug=page.slug)
    assert second in portal_titles(client, "ban may xon")
    assert first not in portal_titles(client, "phieng luong")
    assert document(page).title == second

    NewsArticlePage.objects.get(pk=page.pk).delete()
    assert document(page) is None
    assert second not in portal_titles(client, "ban may xon")


def test_a_saved_draft_leaves_the_published_text_searched(client):
    published, draft = "Hội Việt – Cu Ba gặp mặt Pắc Nậm", "Hội Việt – Cu Ba mít tinh Pắc Nậm"
    page = factories.article(title=published, page_slug="viet-cuba-pac-nam")
    factories.article(title=draft, page_slug="viet-cuba-pac-nam", publish=False)
    assert published in portal_titles(client, "gap mat pac nam")
    assert draft not in portal_titles(client, "mit tinh pac nam")
    assert document(page).title == published


def test_the_command_builds_missing_documents_and_removes_orphans():
    page = factories.article(title="Giao lưu văn hóa Việt – Nhật", page_slug="giao-luu-nhat")
    document(page).delete()
    content_type = ContentType.objects.get_for_model(NewsArticlePage)
    SearchDocument.objects.create(content_type=content_type, object_id=10**9, title="gone")
    call_command("update_search_documents", "--missing", stdout=io.StringIO())
    assert document(page).title == "Giao lưu văn hóa Việt – Nhật"
    assert SearchDocument.objects.filter(object_id=10**9).exists()
    call_command("update_search_documents", stdout=io.StringIO())
    assert not SearchDocument.objects.filter(object_id=10**9).exists()
    assert SearchDocument.objects.filter(content_type=content_type).count() == NewsArticlePage.objects.count()


@postgresql_only
def test_analysis_from_documents_is_the_analysis_of_the_texts():
    """Every query of the relevance set, on every article of its corpus that has one of its words:
    the counts, phrase and as-typed words read in SQL equal what `_Matcher` finds in the texts."""
    from huunghi.search import postgres

    pages = [
        factories.article(
            "bac-ninh",
            title=title,
            lead=lead,
            paragraphs=[body],
            page_slug=f"documents-{key}",
            date=datetime.datetime(2024, 1, 1, 8, 0, tzinfo=VN),
        )
        for key, (title, lead, body) in ARTICLES.items()
    ]
    articles = NewsArticlePage.objects.filter(pk__in=[p.pk for p in pages])
    texts = {page.pk: page.search_texts() for page in articles}
    for text, _first, _top5 in QUERIES:
        query = parse_query(text)
        found = postgres.analysed_candidates(articles, query, 200)
        matcher = _Matcher(query)
        assert found, text
        for pk, (analysed, _date) in found.items():
            assert analysed == matcher.analyse(texts[pk]), (text, texts[pk]["title"])


def test_portal_and_back_office_search_find_an_article_published_just_now(client_for):
    title = "Ngày hội văn hóa Mông Cổ tại Pù Mát"
    factories.article(title=title, page_slug="mong-co-pu-mat")
    home = factories.home()
    assert [hit.object.title for hit in search.search(article_list(home=home), "mong co pu mat")][:1] == [title]
    html = client_for("nghean.editor").get("/admin/portal/tim-kiem/", {"q": "mong co pu mat"}).content.decode()
    assert "<mark>Mông Cổ</mark>" in html
