"""Reads of the public portal: published articles of one union's site, categories."""

import datetime

from .models import NewsArticlePage, NewsCategory


def article_list(*, home, category=None):
    """Live, public articles under a union home page (one locale's tree), newest first."""
    articles = (
        NewsArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("category", "locale")
        .order_by("-date", "-pk")
    )
    if category is not None:
        articles = articles.filter(category=category)
    return articles


def category_list(*, locale):
    return NewsCategory.objects.filter(locale=locale).order_by("name")


def article_links(*, article):
    """An article's tags, and the delegations and events it reports, in one round trip (a cold
    render of an article reads only the article and this): {"tags": [...], "delegations": [...],
    "events": [...]}, each item with the attributes the template shows, in the models' order."""
    from types import SimpleNamespace

    from django.db import connection

    from .models import ArticleTag, NewsArticlePage

    parts, params = [], []
    tag_table = ArticleTag._meta.db_table
    tag_model = ArticleTag.tag.field.related_model._meta.db_table
    parts.append(
        f"SELECT 0 AS kind, t.id, t.name, NULL AS starts_on, NULL AS ends_on, x.id AS sort_key FROM {tag_model} t"
        f" JOIN {tag_table} x ON x.tag_id = t.id WHERE x.content_object_id = %s"
    )
    params.append(article.pk)
    for kind, name in ((1, "delegations"), (2, "events")):
        field = NewsArticlePage._meta.get_field(name)
        through = field.remote_field.through._meta.db_table
        target = field.related_model._meta.db_table
        parts.append(
            f"SELECT {kind}, r.id, r.title, r.starts_on, r.ends_on, 0 FROM {target} r"
            f" JOIN {through} x ON x.{field.m2m_reverse_name()} = r.id WHERE x.{field.m2m_column_name()} = %s"
        )
        params.append(article.pk)
    sql = " UNION ALL ".join(parts) + " ORDER BY 1, 6, 4 DESC, 3"  # tags as added; reports newest first
    found = {"tags": [], "delegations": [], "events": []}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, pk, title, starts_on, ends_on, _sort in cursor.fetchall():
            if kind == 0:
                found["tags"].append(SimpleNamespace(pk=pk, name=title))
            else:
                item = SimpleNamespace(pk=pk, title=title, starts_on=_date(starts_on), ends_on=_date(ends_on))
                found["delegations" if kind == 1 else "events"].append(item)
    return found


def _date(value):
    """SQLite hands dates back as text from a raw query."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
