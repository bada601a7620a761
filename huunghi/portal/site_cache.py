"""What every page of a portal site shares, read once per cache generation (huunghi.portal.cache):
the Wagtail site of a host with its home page in each language, the news categories, the menu, the
table of translated pages for the language switcher, and where view restrictions and aliases sit in
the page tree; and the HTML rendered from them (header, footer, feed links, organization trees:
`fragment`, used by templatetags.portal).

A cold render then reads only the page itself and what it alone shows (its tags, the delegations
and events it reports); an article is found by SQL compiled once per process (`article_at`). A
publish, a moved page or a changed site, locale, category or view restriction starts a new
generation (huunghi.portal.signals), so none of these can be stale.
"""

from django.conf import settings
from django.utils.translation import get_language

from . import cache as portal_cache


def _cached(name, request, *parts, build, shared=True):
    """`build()` once per generation and key. `shared`: kept in the cache every process reads (what
    costs queries), else in this process only (what is computed or rendered from those)."""
    key = portal_cache.fragment_key(name, request, *parts)
    value = portal_cache.fragment_get(key)
    if value is None:
        value = build()
        if not getattr(request, "is_preview", False):
            portal_cache.fragment_set(key, value, shared=shared)
    return value


def attach_site(request):
    """Give Wagtail the request's site (`request._wagtail_site`, which `Site.find_for_request` reads
    first) with its specific home page and the home's live translations: no site, locale or
    home page query when the page is routed."""
    if hasattr(request, "_wagtail_site"):
        return
    request._wagtail_site = _site(request)["site"]


def _site(request):
    raw_host = request._get_raw_host()
    return _cached("site", request, raw_host, build=lambda: _site_entry(request) or {"site": None})


def _site_entry(request):
    from wagtail.models import Site

    from .models import NewsCategory, UnionHomePage

    site = Site._find_for_request(request)
    if site is None:
        return None
    home = site.root_page.specific
    if isinstance(home, UnionHomePage):
        homes = {
            page.locale.language_code: page
            for page in UnionHomePage.objects.filter(translation_key=home.translation_key, live=True).select_related(
                "locale", "organization"
            )
        }
        home = homes.get(home.locale.language_code, home)
        for page in homes.values():
            page._portal_translations = homes  # UnionHomePage.localized reads it
        site.root_page = home
    # The news categories (a few dozen, shared by every site): the one an article shows.
    categories = {category.pk: category for category in NewsCategory.objects.order_by()}
    return {"site": site, "categories": categories}


def menu(home, request):
    """The home page's live, public children as {title, url, path}, once per home page and host:
    with thousands of articles, finding the children of a page (depth and path range) takes
    longer than the rest of a render."""

    def build():
        return [
            {"title": child.title, "url": child.get_url(request), "path": child.path}
            for child in home.get_children().live().public().order_by("path")
        ]

    if request is None:
        return build()
    return _cached("menu", request, home.pk, build=build)


def home_links(home, request):
    """The addresses every page of a home's site shows: the home, its search and its feeds."""

    def build():
        url = home.get_url(request)
        return {name: url + home.reverse_subpage(name) for name in ("search", "rss", "atom")} | {"home": url}

    if request is None:
        return build()
    return _cached("home-links", request, home.pk, build=build, shared=False)


def fragment(name, request, *parts, render):
    """HTML every page of a site shares (header, footer), rendered once per generation and
    `parts` — which must name everything the HTML shows — in each process."""
    if request is None:
        return render()
    return _cached(f"html:{name}", request, get_language(), *parts, build=render, shared=False)


def parent_url(page, request):
    """The address of a page's parent when it is in its home's menu (the news index of an
    article), without reading the parent."""
    from wagtail.models import Page

    home = getattr(page, "union_home", None)
    if home is None:
        return None
    parent_path = page.path[: -Page.steplen]
    return next((item["url"] for item in menu(home, request) if item["path"] == parent_path), None)


def translations(request):
    """{translation_key: {language code: url}} of every live page that has a live version in
    another language. Built from the pages outside the default language (few: the translations),
    so a Vietnamese page without translation costs nothing."""
    from wagtail.models import Locale, Page

    def build():
        default = Locale.get_default()
        keys = Page.objects.live().exclude(locale=default).values_list("translation_key", flat=True)
        table = {}
        for page in Page.objects.live().filter(translation_key__in=list(keys)).select_related("locale"):
            table.setdefault(str(page.translation_key), {})[page.locale.language_code] = page.get_url(request)
        return {key: urls for key, urls in table.items() if len(urls) > 1}

    if request is None:
        return build()
    return _cached("translations", request, build=build)


def language_links(page, request):
    """One link per language with a live version of this page (else that language's home)."""
    if page is None:
        return []
    from .models import UnionHomePage

    current = page.locale.language_code
    urls = translations(request).get(str(page.translation_key), {})
    home = page if isinstance(page, UnionHomePage) else getattr(page, "union_home", None)
    home_urls = translations(request).get(str(home.translation_key), {}) if home is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:  # shown, not linked: the page's own address is not needed
            links.append({"code": code, "name": name, "url": None, "current": True})
        elif url := urls.get(code) or home_urls.get(code):
            links.append({"code": code, "name": name, "url": url, "current": False})
    return links if len(links) > 1 else []


def restricted_paths():
    """(paths of pages with a view restriction → restriction ids, paths of alias pages), for the
    whole platform in this generation: usually both empty."""

    def build():
        from wagtail.models import Page, PageViewRestriction

        restrictions = {}
        for path, pk in PageViewRestriction.objects.values_list("page__path", "pk"):
            restrictions.setdefault(path, []).append(pk)
        aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        return {"restrictions": restrictions, "aliases": aliases}

    key = f"portal:fragment:{portal_cache.generation()}:restrictions"
    value = portal_cache.fragment_get(key)
    if value is None:
        value = build()
        portal_cache.fragment_set(key, value)
    return value


def categories(request):
    """{pk: NewsCategory} of every news category, kept with the request's site."""
    return _site(request).get("categories", {}) if request is not None else {}


class _CompiledQuery:
    """A query whose SQL Django compiles once per process and database, then runs with new
    parameters: compiling the article query (30-odd columns of a page) cost a cold render more
    than the database took to answer it. `queryset(**sentinels)` builds it with one distinct
    sentinel per parameter; `fetch(**values)` runs it with the values in their places."""

    def __init__(self, queryset, **sentinels):
        self.queryset, self.sentinels, self.compiled = queryset, sentinels, {}

    def _compile(self, using):
        compiler = self.queryset(**self.sentinels).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        places = []  # (name, None) for the value itself, (name, suffix) for a LIKE pattern of it
        for param in params:
            name = next((n for n, s in self.sentinels.items() if param == s), None)
            if name is not None:
                places.append((name, None))
                continue
            name = next(n for n, s in self.sentinels.items() if isinstance(s, str) and str(param).startswith(s))
            places.append((name, str(param)[len(self.sentinels[name]) :]))
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        names = [column.target.attname for column in columns]
        compiled = (compiler, sql, places, compiler.get_converters(columns), compiler.query.model, names)
        self.compiled[using] = compiled
        return compiled

    def fetch(self, using="default", **values):
        from django.db import connections

        connection = connections[using]
        compiler, sql, places, converters, model, names = self.compiled.get(using) or self._compile(using)
        like = connection.ops.prep_for_like_query
        params = [values[name] if suffix is None else like(values[name]) + suffix for name, suffix in places]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [model.from_db(using, names, row) for row in rows]


def _article_candidates(*, slug, depth, path):
    from .models import NewsArticlePage

    return NewsArticlePage.objects.filter(slug=slug).filter(depth=depth).filter(path__startswith=path).order_by()


ARTICLES_BY_SLUG = _CompiledQuery(_article_candidates, slug="\x00slug", depth=7_654_321, path="\x00path")


def article_at(home, request, url_path, slug):
    """The article at `url_path` under a union home, with its locale (the home's) and category
    (from this generation's categories) in place: one query, compiled once."""
    candidates = ARTICLES_BY_SLUG.fetch(slug=slug, depth=home.depth + 2, path=home.path)
    article = next((page for page in candidates if page.url_path == url_path), None)
    if article is None:
        return None
    if article.locale_id == home.locale_id and "locale" in home._state.fields_cache:
        article._state.fields_cache["locale"] = home.locale
    if article.category_id is None:
        article._state.fields_cache["category"] = None
    elif (category := categories(request).get(article.category_id)) is not None:
        article._state.fields_cache["category"] = category
    return article
