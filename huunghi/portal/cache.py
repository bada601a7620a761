"""The page cache of the public portal.

Anonymous GET requests for portal pages (pages, lists, home, feeds, sitemap) are answered from a
cache; every key carries the current *generation*, and publishing, unpublishing, moving or
deleting a page, or changing the registry data the pages show, starts a new generation — so the
change is visible at once on every cached path, with no list of paths to purge.

In production the same responses are also written as files (`PORTAL_STATIC_DIR`, one tree per
host) that nginx serves directly (`try_files`); a new generation empties that tree
(docs/portal-serving.md).
"""

import hashlib
import shutil
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "portal:generation"
TIMEOUT = 24 * 3600
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/the-hoi-vien/", "/media/", "/static/", "/django-admin/")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
# Query parameters that change a cached page; others (searches, trackers) bypass the cache.
CACHED_PARAMETERS = {"trang"}


def _cache():
    return caches[getattr(settings, "PORTAL_CACHE", "default")]


def generation():
    value = _cache().get(GENERATION_KEY)
    if value is None:
        value = 1
        _cache().add(GENERATION_KEY, value, None)
    return value


def portal_cache_flush():
    """Start a new generation: every cached portal response becomes stale at once."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    static_dir = getattr(settings, "PORTAL_STATIC_DIR", None)
    if static_dir:
        _empty(Path(static_dir))


def _empty(directory):
    if not directory.is_dir():
        return
    for child in directory.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # editors see the userbar and drafts
        return False
    return set(request.GET) <= CACHED_PARAMETERS


def response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", ""):
        return False
    return response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES


def key_for(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"portal:page:{generation()}:{hashlib.sha1(raw.encode()).hexdigest()}"


def get(request):
    return _cache().get(key_for(request))


def store(request, response):
    entry = (response.status_code, response.get("Content-Type"), response.content, response.get("Content-Language"))
    _cache().set(key_for(request), entry, TIMEOUT)
    static_dir = getattr(settings, "PORTAL_STATIC_DIR", None)
    if static_dir and not request.GET:
        _write_file(Path(static_dir), request, response)


def _write_file(root, request, response):
    """host/path/index.html (or the file name the path ends with: sitemap.xml), for nginx."""
    host = request.get_host().split(":")[0]
    relative = request.path_info.lstrip("/")
    if ".." in relative.split("/"):
        return
    target = root / host / relative
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(response.content)
    temporary.replace(target)
