"""The security and operations baseline: health check, 503 when the database is down, login
throttling, the Content-Security-Policy headers, and `check --deploy` with production settings."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse

from huunghi.core import health

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    with mock.patch.object(health, "database_ok", return_value=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_a_database_error_anywhere_answers_503_in_vietnamese():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = health.server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        response = health.server_error(request)
    assert response.status_code == 500


@pytest.mark.django_db
def test_database_down_while_serving_a_page(client, settings):
    """The whole middleware chain: the session or the page query fails, the reader gets 503."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client.raise_request_exception = False
    with mock.patch("wagtail.models.Site.find_for_request", side_effect=OperationalError("down")):
        response = client.get("/", HTTP_HOST="nghe-an.localhost")
    assert response.status_code == 503
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()


@pytest.mark.django_db
def test_login_throttling_locks_after_five_failures(client, demo_user):
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        response = client.post(url, {"username": "nghean.editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.7")
        assert response.status_code in (200, 429)
    response = client.post(url, {"username": "nghean.editor", "password": "huunghi-demo"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "bị khóa" in response.content.decode()
    # Another address is not locked out by someone else's mistakes.
    response = client.post(url, {"username": "nghean.editor", "password": "huunghi-demo"}, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 302


@pytest.mark.django_db
def test_content_security_policy_headers(client, demo_user):
    portal = client.get("/", HTTP_HOST="nghe-an.localhost")
    policy = portal["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";" and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    client.force_login(demo_user("nghean.admin"))
    admin = client.get("/admin/")
    assert "script-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 30 + "-not-a-real-secret-but-long-enough-for-the-check",
        "DJANGO_ALLOWED_HOSTS": "huunghi.example.vn",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/huunghi_unused",
        "HUUNGHI_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
