"""Navigation, language switcher and sharing tags of the portal templates."""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import cache as portal_cache
from ..models import UnionHomePage

register = template.Library()
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _home(page):
    if page is None:
        return None
    if isinstance(page, UnionHomePage):
        return page
    return page.specific.union_home if hasattr(page.specific, "union_home") else None


HEADER_TEMPLATE = "portal/navigation/header.html"


@register.simple_tag(takes_context=True)
def portal_header(context, page):
    """The site header, rendered once per page, host and language in each cache generation: its
    menu and language links take most of a cold render's queries (a publish starts a new
    generation, so a renamed or new page shows at once). Not cached in previews or searches."""
    request = context.get("request")
    query = context.get("query", "")
    key = None
    if request is not None and page is not None and page.pk and not query and not getattr(request, "is_preview", False):
        key = portal_cache.fragment_key("header", request, page.pk, get_language())
        html = portal_cache.fragment_get(key)
        if html is not None:
            return mark_safe(html)  # noqa: S308 — our own rendered template
    html = get_template(HEADER_TEMPLATE).render(header_context(context, page))
    if key is not None:
        portal_cache.fragment_set(key, html)
    return mark_safe(html)  # noqa: S308 — our own rendered template


def menu(home, request):
    """The home page's live, public children as {title, url, path}, once per home page and host in
    each cache generation: with thousands of articles, finding the children of a page (depth and
    path range) takes longer than the rest of a render."""
    key = portal_cache.fragment_key("menu", request, home.pk) if request is not None else None
    items = portal_cache.fragment_get(key) if key else None
    if items is None:
        items = [
            {"title": child.title, "url": child.get_url(request), "path": child.path}
            for child in home.get_children().live().public().order_by("path")
        ]
        if key and not getattr(request, "is_preview", False):
            portal_cache.fragment_set(key, items)
    return items


def header_context(context, page):
    request = context.get("request")
    home = _home(page)
    items = []
    if home is not None:
        items = [(child, page is not None and page.path.startswith(child["path"])) for child in menu(home, request)]
    return {
        "request": request,
        "home": home,
        "items": items,
        "languages": language_links(page, request),
        "search_url": (home.get_url(request) + home.reverse_subpage("search")) if home else None,
        "query": context.get("query", ""),
    }


def language_links(page, request):
    """One link per language with a live version of this page (else that language's home)."""
    if page is None:
        return []
    current = page.locale.language_code
    links = []
    translations = {
        p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    home = _home(page)
    homes = {}
    if home is not None:
        homes = {
            p.locale.language_code: p for p in home.get_translations(inclusive=True).live().select_related("locale")
        }
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        links.append({"code": code, "name": name, "url": target.get_url(request), "current": code == current})
    return links if len(links) > 1 else []


@register.simple_tag
def page_language(page):
    return page.locale.language_code if page is not None and hasattr(page, "locale") else get_language()


@register.simple_tag(takes_context=True)
def absolute(context, url):
    request = context.get("request")
    if not url or request is None:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def route_url(context, page, name, *args):
    """The address of a route of a routable portal page (relative on the page's own site)."""
    return page.get_url(context.get("request")) + page.reverse_subpage(name, args=args)
