"""Helpers that build portal content through the same services the back office and importer use."""

import datetime

from wagtail.rich_text import RichText

from huunghi.portal.blocks import paragraph_html
from huunghi.portal.models import NewsIndexPage, UnionHomePage
from huunghi.portal.services import article_save

VN = datetime.timezone(datetime.timedelta(hours=7))


def home(slug="nghe-an", language="vi"):
    return UnionHomePage.objects.get(organization__slug=slug, locale__language_code=language)


def news_index(slug="nghe-an"):
    return home(slug).get_children().type(NewsIndexPage).first().specific


def article(slug="nghe-an", *, title, lead="", paragraphs=(), publish=True, date=None, **values):
    body = [("paragraph", RichText(p if p.startswith("<") else paragraph_html(p))) for p in paragraphs]
    return article_save(
        news_index=news_index(slug),
        slug=values.pop("page_slug", None) or f"test-{abs(hash(title)) % 10**8}",
        title=title,
        lead=lead,
        body=body,
        date=date or datetime.datetime(2026, 1, 2, 9, 0, tzinfo=VN),
        publish=publish,
        **values,
    )
