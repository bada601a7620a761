"""schemathesis against the API served over HTTP by a live server: every operation of the schema,
open data and integration (with a read-write token), generated inputs — no 5xx, every status code,
content type, header and body as the schema says.

The server runs in a thread of the test process on the test database connection (shared with the
test, so the demo data and the token are there and every write is rolled back afterwards); it is a
real HTTP server on a free port on 127.0.0.1, with the project's WSGI application and middleware.
Bounded: a few examples per operation (the whole test takes well under a minute)."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def live_server_url(db):
    """One-thread HTTP server on the test's own database connection."""
    # Django closes "old" connections at each request's start and end; here the connection is the
    # test's, inside its transaction, and must stay open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    shared = connections["default"]  # the test thread's connection (not the per-thread proxy)
    shared.inc_thread_sharing()
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)

    def serve():
        connections["default"] = shared
        server.serve_forever(poll_interval=0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        shared.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token_header(issue_token):
    _token, key = issue_token("nghean.admin", scope="read_write")
    return {"Authorization": f"Token {key}"}


def test_live_api_conforms_to_its_schema(live_server_url, token_header):
    schema = schemathesis.openapi.from_url(f"{live_server_url}/api/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    failures = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,  # the same examples on every run: CI is reproducible
        )
        def check(case):
            case.call_and_validate(headers=token_header, checks=CHECKS)

        try:
            check()
        except Exception as error:  # noqa: BLE001 — gather every operation's failure, then report them all
            failures[operation.label] = str(error)[:3000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
