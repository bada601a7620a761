"""What every page of a portal site shares, read once per cache generation (huunghi.portal.cache):
the Wagtail site of a host with its home page in each language, the menu, the table of translated
pages for the language switcher, and where view restrictions and aliases sit in the page tree.

A cold render then reads only the page itself and what it alone shows (its tags, the delegations
and events it reports). A publish, a moved page or a changed site, locale or view restriction starts
a new generation (huunghi.portal.signals), so none of these can be stale.
"""

from django.conf import settings

from . import cache as portal_cache


def _cached(name, request, *parts, build):
    key = portal_cache.fragment_key(name, request, *parts)
    value = portal_cache.fragment_get(key)
    if value is None:
        value = build()
        if not getattr(request, "is_preview", False):
            portal_cache.fragment_set(key, value)
    return value


def attach_site(request):
    """Give Wagtail the request's site (`request._wagtail_site`, which `Site.find_for_request` reads
    first) with its specific home page and the home's live translations: no site, locale or
    home page query when the page is routed."""
    if hasattr(request, "_wagtail_site"):
        return
    raw_host = request._get_raw_host()
    entry = _cached("site", request, raw_host, build=lambda: _site_entry(request) or {"site": None})
    request._wagtail_site = entry["site"]


def _site_entry(request):
    from wagtail.models import Site

    from .models import UnionHomePage

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
    return {"site": site}


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
        url = page.get_url(request) if code == current else urls.get(code) or home_urls.get(code)
        if url is None:
            continue
        links.append({"code": code, "name": name, "url": url, "current": code == current})
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
