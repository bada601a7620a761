"""Request middleware of the core."""

ADMIN_PREFIX = "/admin/"

# Wagtail's admin still renders inline scripts (its editors' widget data, the sidebar's
# configuration): the back office allows them, the public portal does not (checked in a browser:
# no CSP error on the admin pages of the test in huunghi/core/tests/test_browser_csp.py).
ADMIN_SCRIPT_SOURCES = ["'self'", "'unsafe-inline'"]


class AdminCSPMiddleware:
    """The back office's script policy (django-csp reads `_csp_update` from the response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIX):
            response._csp_replace = {"script-src": ADMIN_SCRIPT_SOURCES}
        return response
