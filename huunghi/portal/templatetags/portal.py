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


@register.simple_tag(takes_context=True)
def portal_header(context, page):
    """The site header: the home's menu and the language links come from what the site's pages
    share in this cache generation (huunghi.portal.site_cache), so it costs no query."""
    return mark_safe(get_template(HEADER_TEMPLATE).render(header_context(context, page)))  # noqa: S308 — our template


def header_context(context, page):
    request = context.get("request")
    home = _home(page)
    items = []
    if home is not None:
        items = [
            (child, page is not None and page.path.startswith(child["path"]))
            for child in site_cache.menu(home, request)
        ]
    return {
        "request": request,
        "home": home,
        "items": items,
        "languages": site_cache.language_links(page, request),
        "search_url": (home.get_url(request) + home.reverse_subpage("search")) if home else None,
        "query": context.get("query", ""),
    }


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
