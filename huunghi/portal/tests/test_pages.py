"""The public portal as a reader meets it: home, lists, article, organization pages, contact,
feeds, sitemap, English translation, sharing tags, sanitized rich text."""

import pytest
from lxml import etree

from huunghi.portal.models import NewsArticlePage

from . import factories

pytestmark = pytest.mark.django_db

NGHE_AN = "nghe-an.localhost"


def get(client, path, host=NGHE_AN, **params):
    return client.get(path, params, HTTP_HOST=host)


def test_home_shows_latest_news_structure_and_navigation(client):
    response = get(client, "/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Hội nghị Ban Chấp hành lần thứ 9" in html
    assert "Hội Hữu nghị Việt – Lào tỉnh Nghệ An" in html
    for title in ("Tin tức", "Cơ cấu tổ chức", "Liên hệ"):
        assert f">{title}</a>" in html
    assert 'property="og:title"' in html
    assert 'type="application/rss+xml"' in html


def test_every_union_of_cluster_1_has_its_covenant_article(client):
    from huunghi.demo import data

    for slug, province in data.CLUSTER_1_2024:
        html = get(client, "/tin-tuc/", host=f"{slug}.localhost").content.decode()
        assert f"Liên hiệp các tổ chức hữu nghị {province} ký giao ước thi đua Cụm số 1 năm 2024" in html, slug


def test_news_list_and_category(client):
    html = get(client, "/tin-tuc/").content.decode()
    assert "Hội Hữu nghị Việt – Lào có thêm ba chi hội" in html
    category = get(client, "/tin-tuc/chuyen-muc/hoat-dong-hoi/").content.decode()
    assert "Hội Hữu nghị Việt – Lào có thêm ba chi hội" in category
    assert "Đồng chí Nguyễn Văn Thông dẫn đầu đoàn" not in category  # another category
    assert get(client, "/tin-tuc/chuyen-muc/khong-co/").status_code == 404


def test_article_page_has_byline_og_tags_and_reported_event(client):
    response = get(client, "/tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta property="og:type" content="article">' in html
    assert 'property="article:published_time" content="2024-01-24T17:00:00+07:00"' in html
    assert "gần 1,5 tỷ đồng" in html
    assert "Hội nghị Ban Chấp hành lần thứ 9, nhiệm kỳ 5: tổng kết công tác năm 2023" in html  # the event
    assert "<li>Việt – Lào</li>" in html  # a tag
    assert 'hreflang="en"' in html  # the language switcher offers the translation


def test_english_translation_and_language_switcher(client):
    response = get(client, "/en/news/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/")
    html = response.content.decode()
    assert response.status_code == 200, html[:500]
    assert '<html lang="en">' in html
    assert "Ninth executive committee conference" in html
    assert 'hreflang="vi"' in html
    assert "Latest news" in get(client, "/en/").content.decode()


def test_photo_has_caption_credit_and_alt_from_caption(client, django_user_model):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from huunghi.portal.services import article_save

    image = get_image_model()(title="bna.jpg", caption="", credit="")
    from io import BytesIO

    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    image.file = ImageFile(buffer, name="bna.jpg")
    image.save()
    page = article_save(
        news_index=factories.news_index(),
        slug="anh-co-chu-thich",
        title="Bài có ảnh",
        body=[("image", {"image": image, "caption": "Các đại biểu ký giao ước", "credit": "Quốc Khánh", "alt": ""})],
        publish=True,
    )
    html = get(client, page.url).content.decode()
    assert 'alt="Các đại biểu ký giao ước"' in html
    assert "Các đại biểu ký giao ước — Ảnh: Quốc Khánh" in html
    assert 'property="og:image"' in html


def test_script_and_event_handlers_never_reach_the_reader(client):
    page = factories.article(
        title="Bài thử <script>alert(1)</script>",
        lead="Sapo <img src=x onerror=alert(2)>",
        paragraphs=[
            '<p>Đoạn <script>alert(3)</script><img src="x" onerror="alert(4)"><a href="javascript:alert(5)">x</a></p>'
        ],
        page_slug="bai-thu-script",
    )
    html = get(client, page.url).content.decode()
    body = html.split('<main id="content">')[1]
    assert "<script" not in body
    assert "onerror" not in body.replace("onerror=alert(2)&gt;", "")
    assert "javascript:" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # the title is text, escaped


def test_organization_pages_from_the_registry(client):
    html = get(client, "/to-chuc/").content.decode()
    assert "Hội Hữu nghị Việt – Lào tỉnh Nghệ An" in html
    page = get(client, "/to-chuc/nghe-an-viet-lao/")
    assert page.status_code == 200
    assert "Lào" in page.content.decode()
    assert get(client, "/to-chuc/thanh-hoa/").status_code == 404  # another union


def test_contact_page_from_the_registry(client):
    html = get(client, "/lien-he/").content.decode()
    assert "Số 5 đường Trường Thi, Vinh, Nghệ An" in html
    assert "lienhiephuunghi@nghean.example.vn" in html


def test_rss_and_atom_per_site_and_category(client):
    rss = get(client, "/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    root = etree.fromstring(rss.content)
    titles = root.xpath("//item/title/text()")
    assert "Hội Hữu nghị Việt – Lào có thêm ba chi hội cựu quân tình nguyện" in titles
    assert root.xpath("//channel/language/text()") == ["vi"]
    atom = get(client, "/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    category = etree.fromstring(get(client, "/tin-tuc/chuyen-muc/hoat-dong-hoi/rss/").content)
    category_titles = category.xpath("//item/title/text()")
    assert "Hội Hữu nghị Việt – Lào có thêm ba chi hội cựu quân tình nguyện" in category_titles
    assert not any("Điện Biên" in t for t in category_titles)
    en = etree.fromstring(get(client, "/en/rss/").content)
    assert en.xpath("//channel/language/text()") == ["en"]
    assert any("Ninth executive committee" in t for t in en.xpath("//item/title/text()"))


def test_sitemap_lists_articles_and_organization_pages(client):
    response = get(client, "/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    locations = root.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    assert any(loc.endswith("/tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/") for loc in locations)
    assert any(loc.endswith("/to-chuc/nghe-an-viet-lao/") for loc in locations)
    assert all(NGHE_AN in loc for loc in locations)


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_english_pages_with_their_vietnamese_versions(client):
    root = etree.fromstring(get(client, "/sitemap.xml").content)
    locations = root.xpath("//s:loc/text()", namespaces=SITEMAP)
    site = locations[0]  # the home page: http://nghe-an.localhost:8000/
    assert f"{site}en/" in locations
    vietnamese = f"{site}tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/"
    english = next(loc for loc in locations if loc.startswith(f"{site}en/") and "hoi-nghi-ban-chap-hanh" in loc)
    assert get(client, english.removeprefix(site[:-1])).content.decode().count("Ninth executive committee")
    for location in (english, vietnamese):
        url = root.xpath("//s:url[s:loc/text() = $loc]", namespaces=SITEMAP, loc=location)[0]
        alternates = {link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=SITEMAP)}
        assert alternates == {"vi": vietnamese, "en": english}
    untranslated = root.xpath("//s:url[contains(s:loc, '/to-chuc/nghe-an-viet-lao/')]", namespaces=SITEMAP)[0]
    assert not untranslated.xpath("x:link", namespaces=SITEMAP)


def test_sitemap_validates_against_the_schema(client):
    """The sitemap protocol's schema, with the XHTML link element its strict wildcard demands."""
    from pathlib import Path

    data = (Path(__file__).parents[1] / "data").as_uri()
    schema = etree.XMLSchema(
        etree.fromstring(
            f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <xsd:import namespace="{SITEMAP["s"]}" schemaLocation="{data}/sitemap.xsd"/>
              <xsd:import namespace="{SITEMAP["x"]}" schemaLocation="{data}/xhtml-link.xsd"/>
            </xsd:schema>"""
        )
    )
    for host in (NGHE_AN, "127.0.0.1"):
        document = etree.fromstring(get(client, "/sitemap.xml", host=host).content)
        assert schema.validate(document), schema.error_log
    assert etree.fromstring(get(client, "/sitemap.xml").content).xpath("//x:link", namespaces=SITEMAP)


def test_each_union_site_shows_only_its_own_news(client):
    thanh_hoa = get(client, "/tin-tuc/", host="thanh-hoa.localhost").content.decode()
    assert "Hội Hữu nghị Việt – Lào có thêm ba chi hội" not in thanh_hoa


def test_print_stylesheet_and_phone_viewport(client):
    html = get(client, "/").content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("portal/portal.css"), encoding="utf-8").read()
    assert "@media print" in css


def test_list_pages_query_count_does_not_grow_with_articles(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from huunghi.portal.cache import _cache

    def count(path):
        _cache().clear()
        with CaptureQueriesContext(connection) as context:
            assert get(client, path).status_code == 200
        return len(context)

    get(client, "/tin-tuc/")  # Wagtail's site root paths cached
    get(client, "/")  # the structure's member counts stored (huunghi.orgs.tallies)
    before = {path: count(path) for path in ("/", "/tin-tuc/", "/rss/")}
    for number in range(5):
        factories.article(title=f"Tin thêm số {number}", lead="Sapo", page_slug=f"tin-them-{number}")
    after = {path: count(path) for path in before}
    assert after == before
    assert max(after.values()) <= 45


def test_article_pages_are_articles():
    assert NewsArticlePage.objects.live().filter(locale__language_code="vi").count() >= 13


def test_an_article_is_found_only_at_its_own_address(client):
    """The one-query route of <news index>/<article>/ serves the same pages as Wagtail's walk."""
    page = factories.article(title="Tin định tuyến một truy vấn", page_slug="tin-dinh-tuyen")
    assert get(client, "/tin-tuc/tin-dinh-tuyen/").status_code == 200
    assert get(client, "/tin-tuc/tin-dinh-tuyen/", host="thanh-hoa.localhost").status_code == 404
    assert get(client, "/to-chuc/tin-dinh-tuyen/").status_code == 404
    page.unpublish()
    assert get(client, "/tin-tuc/tin-dinh-tuyen/").status_code == 404
