"""HTML sanitizing for the portal (nh3, the Python binding of the Ammonia sanitizer): scripts,
event handlers (`onerror=`), `javascript:` links and styles never pass."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
    "img", "figure", "figcaption", "span", "sub", "sup", "hr", "div", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "*": {"class", "lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    """Sanitized HTML: only the tags and attributes above; links get rel="noopener noreferrer"."""
    if not html:
        return ""
    return nh3.clean(str(html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES)
