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


def cold(client, path, mark="lanh"):
    """A render that bypasses the page cache (a query string it does not know)."""
    response = fetch(client, f"{path}?{mark}=1")
    assert "X-Portal-Cache" not in response
    return response.content.decode()


def test_shared_fragments_are_rendered_once_per_generation(client):
    """Header, footer and feed links are rendered once in a generation and reused by every cold
    render of the site's pages; the article itself is rendered each time."""
    from django.test.signals import template_rendered

    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        cold(client, ARTICLE)
        first = list(rendered)
        rendered.clear()
        html = cold(client, ARTICLE, "lan-hai")
    finally:
        template_rendered.disconnect(record)
    shared = {"portal/navigation/header.html", "portal/navigation/footer.html", "portal/navigation/head_links.html"}
    assert shared <= set(first)
    assert not shared & set(rendered)
    assert "portal/pages/news_article_page.html" in rendered
    assert 'href="/rss/"' in html and 'href="/sitemap.xml"' in html and 'class="site-nav"' in html


def test_home_title_menu_and_category_changes_show_at_once_on_cold_renders(client):
    """What the shared fragments and the site's cached data show changes with a publish."""
    from huunghi.portal.models import NewsCategory

    html = cold(client, ARTICLE)
    assert "Hoạt động hội" in html
    home = factories.home()
    home.title = "Liên hiệp hữu nghị Nghệ An (tên mới)"
    home.save_revision().publish()
    html = cold(client, ARTICLE, "sau-khi-doi-ten")
    assert '<a class="site-name" href="/">Liên hiệp hữu nghị Nghệ An (tên mới)</a>' in html
    assert html.count("Liên hiệp hữu nghị Nghệ An (tên mới)") >= 3  # header, <title>, og:site_name

    category = NewsCategory.objects.get(slug="hoat-dong-hoi", locale__language_code="vi")
    category.name = "Hoạt động của Liên hiệp"
    category.save()
    html = cold(client, ARTICLE, "chuyen-muc-moi")
    assert "Hoạt động của Liên hiệp" in html and "Hoạt động hội" not in html


def test_a_new_translation_shows_in_the_language_switcher_at_once(client):
    from huunghi.portal.services import page_translation_ensure

    page = factories.article(title="Tin chưa dịch", page_slug="tin-chua-dich")
    html = cold(client, page.url)
    assert 'href="/en/news/tin-chua-dich/"' not in html
    assert 'hreflang="en"' in html and 'href="/en/"' in html  # the English home meanwhile
    translated = page_translation_ensure(page=page, title="Not yet translated news")
    translated.get_latest_revision().publish()
    html = cold(client, page.url, "da-dich")
    assert 'href="/en/news/tin-chua-dich/"' in html
    assert 'href="/en/news/tin-chua-dich/"' not in cold(client, ARTICLE)  # another article's links


def test_another_process_flush_is_seen_by_this_process_fragments(client):
    """Fragments kept in this process belong to one generation: a flush by any process (here the
    counter incremented directly) drops them on the next request."""
    from huunghi.portal.cache import GENERATION_KEY, _cache
    from huunghi.portal.models import NewsCategory

    assert "Hoạt động hội" in cold(client, ARTICLE)
    NewsCategory.objects.filter(slug="hoat-dong-hoi").update(name="Tên đổi không qua tín hiệu")
    assert "Tên đổi không qua tín hiệu" not in cold(client, ARTICLE, "van-cu")  # same generation
    _cache().incr(GENERATION_KEY)
    assert "Tên đổi không qua tín hiệu" in cold(client, ARTICLE, "the-he-moi")


def test_a_lost_generation_never_brings_back_older_entries(client):
    """A cache that lost its generation counter (cleared, restarted) starts from the clock: the
    entries and fragments of generation 1, 2, … cannot be read again."""
    from huunghi.portal.cache import GENERATION_KEY, _cache, generation

    fetch(client, "/tin-tuc/")
    before = generation()
    _cache().delete(GENERATION_KEY)
    after = generation()
    assert after != before and after > 1_000_000
    assert fetch(client, "/tin-tuc/")["X-Portal-Cache"] == "miss"


def test_the_organization_structure_is_rendered_once_per_generation(client):
    """The home page's and the organization pages' trees are rendered (and read from the registry)
    once per generation; a renamed organization shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from huunghi.orgs.models import Organization

    for path in ("/", "/to-chuc/"):
        with CaptureQueriesContext(connection) as first:
            cold(client, path)
        with CaptureQueriesContext(connection) as second:
            html = cold(client, path, "lan-hai")
        assert len(second) < len(first), path
        assert "Hội Hữu nghị Việt – Lào" in html, path
    association = Organization.objects.get(slug="nghe-an-viet-lao")
    association.name = "Hội Hữu nghị Việt Nam – Lào tỉnh Nghệ An (tên mới)"
    association.save()
    for path in ("/", "/to-chuc/"):
        assert "Hội Hữu nghị Việt Nam – Lào tỉnh Nghệ An (tên mới)" in cold(client, path, "sau"), path
