"""Publishing, unpublishing or editing a page is visible at once on every cached path."""

import pytest

from . import factories

pytestmark = pytest.mark.django_db
HOST = "nghe-an.localhost"
CACHED_PATHS = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/chuyen-muc/hoat-dong-hoi/",
    "/rss/",
    "/atom/",
    "/tin-tuc/chuyen-muc/hoat-dong-hoi/rss/",
    "/tin-tuc/chuyen-muc/hoat-dong-hoi/atom/",
    "/sitemap.xml",
]


def fetch(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response


def warm(client, paths):
    for path in paths:
        fetch(client, path)
        assert fetch(client, path)["X-Portal-Cache"] == "hit", path


def test_second_request_is_served_from_the_cache(client):
    first = fetch(client, "/tin-tuc/")
    second = fetch(client, "/tin-tuc/")
    assert first["X-Portal-Cache"] == "miss" and second["X-Portal-Cache"] == "hit"
    assert first.content == second.content
    assert second["Content-Language"] == "vi"


def test_logged_in_editors_and_searches_bypass_the_cache(client, demo_user):
    assert "X-Portal-Cache" not in client.get("/tim-kiem/", {"q": "nghe an"}, HTTP_HOST=HOST)
    client.force_login(demo_user("nghean.editor"))
    assert "X-Portal-Cache" not in client.get("/tin-tuc/", HTTP_HOST=HOST)


def test_publish_edit_and_unpublish_show_at_once_everywhere(client):
    from huunghi.portal.models import NewsCategory

    category = NewsCategory.objects.get(slug="hoat-dong-hoi", locale__language_code="vi")
    page = factories.article(
        title="Tin nháp chưa đăng", lead="Sapo", publish=False, category=category, page_slug="tin-cache"
    )
    warm(client, CACHED_PATHS)
    for path in CACHED_PATHS:
        assert "Tin nháp chưa đăng" not in fetch(client, path).content.decode(), path
    assert "tin-cache" not in fetch(client, "/sitemap.xml").content.decode()

    page.get_latest_revision().publish()
    paths = CACHED_PATHS + [page.url]
    for path in CACHED_PATHS:
        body = fetch(client, path).content.decode()
        assert ("tin-cache" if path == "/sitemap.xml" else "Tin nháp chưa đăng") in body, path
    warm(client, paths)

    page.title = "Tin đã sửa tiêu đề"
    page.save_revision().publish()
    for path in paths:
        if path != "/sitemap.xml":
            body = fetch(client, path).content.decode()
            assert "Tin đã sửa tiêu đề" in body and "Tin nháp chưa đăng" not in body, path
    warm(client, paths)

    page.refresh_from_db()
    page.unpublish()
    for path in CACHED_PATHS:
        body = fetch(client, path).content.decode()
        assert "Tin đã sửa tiêu đề" not in body and "tin-cache" not in body, path
    assert client.get(page.url, HTTP_HOST=HOST).status_code == 404


def test_registry_changes_show_on_the_home_page(client):
    from huunghi.orgs.models import Organization

    warm(client, ["/", "/lien-he/"])
    organization = Organization.objects.get(slug="nghe-an")
    organization.address = "Số 9 đường Lê Hồng Phong, Vinh"
    organization.save()
    assert "Số 9 đường Lê Hồng Phong" in fetch(client, "/lien-he/").content.decode()


def test_rendered_files_for_the_web_server(client, settings, tmp_path):
    settings.PORTAL_STATIC_DIR = str(tmp_path)
    fetch(client, "/tin-tuc/")
    fetch(client, "/sitemap.xml")
    fetch(client, "/rss/")
    assert (tmp_path / HOST / "rss" / "index.rss").read_bytes().startswith(b"<?xml")
    written = tmp_path / HOST / "tin-tuc" / "index.html"
    assert written.read_bytes() == fetch(client, "/tin-tuc/").content
    assert (tmp_path / HOST / "sitemap.xml").is_file()
    page = factories.article(title="Tin mới nhất", page_slug="tin-moi-nhat")
    assert not written.exists()  # emptied by the new generation; nginx falls back to Django
    assert "Tin mới nhất" in fetch(client, "/tin-tuc/").content.decode()
    assert page.live


def test_the_header_is_rendered_once_per_generation(client):
    """A cold render reuses the header of the generation; a renamed menu page shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from huunghi.portal.models import NewsIndexPage

    with CaptureQueriesContext(connection) as first:
        assert fetch(client, "/tin-tuc/?trang=1")["X-Portal-Cache"] == "miss"
    with CaptureQueriesContext(connection) as second:
        assert fetch(client, "/tin-tuc/?trang=2")["X-Portal-Cache"] == "miss"
    assert len(second) < len(first)

    index = NewsIndexPage.objects.get(slug="tin-tuc", locale__language_code="vi", url_path__contains="nghe-an")
    index.title = "Tin tức mới đổi tên"
    index.save_revision().publish()
    assert "Tin tức mới đổi tên" in fetch(client, "/").content.decode()
    assert "Tin tức mới đổi tên" in fetch(client, "/tin-tuc/?trang=3").content.decode()


ARTICLE = "/tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/"


def test_a_cold_article_render_reads_only_the_article(client, django_assert_max_num_queries):
    """Once anything of the site was rendered in this generation, an article that is not cached
    costs two queries: the article (with its locale and category), then its tags and reports."""
    fetch(client, "/tin-tuc/")  # the site, its homes, menu and translations, for this generation
    with django_assert_max_num_queries(2):
        response = fetch(client, ARTICLE + "?ban-in=1")  # another query string: not from the cache
    html = response.content.decode()
    assert "X-Portal-Cache" not in response
    assert "Hội nghị Ban Chấp hành lần thứ 9, nhiệm kỳ 5: tổng kết công tác năm 2023" in html  # the event
    assert "<li>Việt – Lào</li>" in html  # a tag
    assert 'href="/tin-tuc/chuyen-muc/' in html  # the category, under the news index
    assert 'hreflang="en"' in html and 'href="/en/' in html  # the language switcher


def test_a_view_restriction_applies_at_once(client):
    """Restrictions are known once per generation; adding one starts a new generation."""
    from wagtail.models import PageViewRestriction

    from huunghi.portal.models import NewsArticlePage

    assert fetch(client, ARTICLE).status_code == 200
    article = NewsArticlePage.objects.get(slug=ARTICLE.split("/")[2], locale__language_code="vi")
    PageViewRestriction.objects.create(page=article.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(ARTICLE + "?sau=1", HTTP_HOST=HOST)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get(ARTICLE, HTTP_HOST=HOST).status_code == 302
