"""Navigation, language switcher and sharing tags of the portal templates."""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import site_cache
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
FOOTER_TEMPLATE = "portal/navigation/footer.html"
HEAD_LINKS_TEMPLATE = "portal/navigation/head_links.html"


def _render(template_name, context):
    return mark_safe(get_template(template_name).render(context))  # noqa: S308 — our template


@register.simple_tag(takes_context=True)
def portal_header(context, page):
    """The site header: the home's menu and the language links come from what the site's pages
    share in this cache generation (huunghi.portal.site_cache), so it costs no query; its HTML is
    rendered once per generation for each menu entry and set of language links."""
    header = header_context(context, page)
    if header["query"]:  # a search shows its words in the box: not shared
        return _render(HEADER_TEMPLATE, header)
    current = next((child["path"] for child, is_current in header["items"] if is_current), "")
    languages = tuple((link["code"], link["url"]) for link in header["languages"])
    home_pk = header["home"].pk if header["home"] else None
    return site_cache.fragment(
        "header", header["request"], home_pk, current, languages, render=lambda: _render(HEADER_TEMPLATE, header)
    )


def header_context(context, page):
    request = context.get("request")
    home = _home(page)
    items = []
    if home is not None:
        items = [
            (child, page is not None and page.path.startswith(child["path"]))
            for child in site_cache.menu(home, request)
        ]
    links = site_cache.home_links(home, request) if home is not None else {}
    return {
        "request": request,
        "home": home,
        "home_url": links.get("home"),
        "items": items,
        "languages": site_cache.language_links(page, request),
        "search_url": links.get("search"),
        "query": context.get("query", ""),
    }


def _shared(name, template_name, context, page):
    """A part of every page of a home's site (footer, feed links) rendered once per generation."""
    request = context.get("request")
    home = _home(page)
    if home is None:
        return _render(template_name, {"request": request, "home": None, "links": {}})

    def render():
        return _render(template_name, {"request": request, "home": home, "links": site_cache.home_links(home, request)})

    return site_cache.fragment(name, request, home.pk, render=render)


@register.simple_tag(takes_context=True)
def portal_footer(context, page):
    return _shared("footer", FOOTER_TEMPLATE, context, page)


@register.simple_tag(takes_context=True)
def portal_head_links(context, page):
    """The stylesheet and the site's feeds, in <head>."""
    return _shared("head-links", HEAD_LINKS_TEMPLATE, context, page)


@register.simple_tag(takes_context=True)
def portal_structure(context, page, structure, template_name):
    """An organization tree with its member counts (home page, organization pages), rendered once
    per generation and page: a registry change starts a new generation (huunghi.portal.signals),
    and `structure` — lazy — is read from the registry only when the HTML is rendered."""
    request = context.get("request")

    def render():
        return _render(template_name, {"request": request, "page": page, "structure": structure})

    return site_cache.fragment(f"structure:{template_name}", request, page.pk, render=render)


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
