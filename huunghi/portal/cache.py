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
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "portal:generation"
TIMEOUT = 24 * 3600
EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/the-hoi-vien/",
    "/media/",
    "/static/",
    "/django-admin/",
    "/api/",
    "/healthz",
)
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
# Query parameters that change a cached page; others (searches, trackers) bypass the cache.
CACHED_PARAMETERS = {"trang"}


def _alias():
    """A cache every process shares, so one publish is seen by every worker: "portal" (a file
    cache under var/ by default), else "progress" (Redis in production when REDIS_URL is set)."""
    for alias in ("portal", "progress"):
        if alias in settings.CACHES:
            return alias
    return "default"


def _cache():
    return caches[_alias()]


def generation():
    """The current generation. A cache that lost it (cleared, restarted, culled) starts from the
    clock rather than from 1, so no entry or fragment of an earlier generation can come back."""
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
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


def request_generation(request=None):
    """The generation a request started in, read once per request (without a request: now)."""
    number = getattr(request, "_portal_generation", None)
    if number is None:
        number = generation()
        if request is not None:
            request._portal_generation = number
    return number


# Part of every fragment key: raise it when what a fragment holds changes shape, so a deployment
# does not read the fragments the previous code wrote in the same generation.
FRAGMENTS_VERSION = 2


def fragment_key(name, request, *parts):
    """A key for what a page shares with others (site, menu) in the request's generation."""
    host = request.__dict__.get("_portal_host") or request.__dict__.setdefault("_portal_host", request.get_host())
    raw = "|".join(str(part) for part in (FRAGMENTS_VERSION, host, *parts))
    return f"portal:fragment:{request_generation(request)}:{name}:{hashlib.sha1(raw.encode()).hexdigest()}"


# Fragments of one generation kept in this process too: a cold render then reads the shared cache
# once (the generation) instead of once per fragment, and unpickles nothing. Every key carries its
# generation, and the whole dictionary is dropped when another generation is seen, so a publish
# shows at once here as in the shared cache.
_local = {"generation": None, "values": {}}
LOCAL_MAX_ENTRIES = 5000


def _local_values(key):
    number = key.split(":", 3)[2]
    if _local["generation"] != number:
        _local["generation"], _local["values"] = number, {}
    return _local["values"]


def fragment_get(key):
    values = _local_values(key)
    value = values.get(key)
    if value is None:
        value = _cache().get(key)
        if value is not None and len(values) < LOCAL_MAX_ENTRIES:
            values[key] = value
    return value


def fragment_set(key, value, *, shared=True):
    """Keep a fragment for this generation: in this process, and (`shared`) in the cache every
    process reads — worth it for what costs queries, not for HTML rendered from those."""
    values = _local_values(key)
    if len(values) < LOCAL_MAX_ENTRIES:
        values[key] = value
    if shared:
        _cache().set(key, value, TIMEOUT)


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


def key_for(request, generation_number):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"portal:page:{generation_number}:{hashlib.sha1(raw.encode()).hexdigest()}"


def get(request):
    """(entry or None, the generation the request started in)."""
    number = request._portal_generation = generation()
    return _cache().get(key_for(request, number)), number


def store(request, response, generation_number):
    """Keep the response — unless a publish started a new generation while it was being rendered
    (it may show the old content, and would outlive the flush)."""
    if generation() != generation_number:
        return
    entry = (response.status_code, response.get("Content-Type"), response.content, response.get("Content-Language"))
    _cache().set(key_for(request, generation_number), entry, TIMEOUT)
    static_dir = getattr(settings, "PORTAL_STATIC_DIR", None)
    if static_dir and not request.GET:
        _write_file(Path(static_dir), request, response)


# The file nginx looks for under a path ending in "/", named after what it holds, so nginx sends
# the right Content-Type (docs/portal-serving.md: try_files $uri/index.html $uri/index.rss …).
INDEX_FILES = {
    "text/html": "index.html",
    "application/rss+xml": "index.rss",
    "application/atom+xml": "index.atom",
}


def _write_file(root, request, response):
    """<host>/<path>/index.html (index.rss, index.atom), or the file the path names (sitemap.xml)."""
    host = request.get_host().split(":")[0]
    relative = request.path_info.lstrip("/")
    if ".." in relative.split("/") or "/" in host or host.startswith("."):
        return
    target = root / host / relative
    if relative == "" or relative.endswith("/"):
        name = INDEX_FILES.get(response.get("Content-Type", "").split(";")[0])
        if name is None:
            return
        target = target / name
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(response.content)
    temporary.replace(target)
