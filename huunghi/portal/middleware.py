"""Portal middleware: the language of a page from its address, and the page cache."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

from . import cache, site_cache

ADMIN_PREFIXES = ("/admin/", "/documents/")


class PortalLanguageMiddleware:
    """ "/en/…" is English, every other public address Vietnamese — never the browser's
    Accept-Language, so a page has one language whoever asks (and can be cached)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIXES):
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PortalCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cache.request_is_cacheable(request):
            if not request.path_info.startswith(cache.EXCLUDED_PREFIXES):
                site_cache.attach_site(request)
            return self.get_response(request)
        entry, generation = cache.get(request)
        if entry is not None:
            status, content_type, content, language = entry
            response = HttpResponse(content, status=status, content_type=content_type)
            if language:
                response["Content-Language"] = language
            response["X-Portal-Cache"] = "hit"
            return response
        site_cache.attach_site(request)
        response = self.get_response(request)
        if cache.response_is_cacheable(response):
            cache.store(request, response, generation)
            response["X-Portal-Cache"] = "miss"
        return response
