"""Service health and the answer when the database is unreachable.

`/healthz` reports whether the database answers (200 or 503, JSON), for load balancers and
monitoring. When PostgreSQL is down, every page answers 503 with a short Vietnamese message (and
`Retry-After`) instead of a bare 500: `server_error` is the project's 500 handler and recognizes
a database error wherever it was raised — in a view or in a middleware. Django opens a new
connection on the next request, so the platform recovers by itself when the database is back.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation

RETRY_AFTER_SECONDS = 30


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return False


def healthz(request):
    ok = database_ok()
    status = 200 if ok else 503
    response = JsonResponse({"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unreachable"},
                            status=status)  # fmt: skip
    response["Cache-Control"] = "no-store"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("huunghi/favicon.svg"))


def _is_database_down(error):
    return isinstance(error, (OperationalError, InterfaceError))


def unavailable_response():
    """503 page rendered without touching the database (no request context processors)."""
    with translation.override("vi"):
        html = loader.get_template("503.html").render({})
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: 503 when the database is unreachable, the plain 500 page otherwise."""
    error = sys.exc_info()[1]
    if _is_database_down(error):
        return unavailable_response()
    try:
        html = loader.get_template(template_name).render({})
    except Exception:  # noqa: BLE001 — the error page itself must never fail
        html = "<h1>500</h1>"
    return HttpResponseServerError(html)
