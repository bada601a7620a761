"""The OpenAPI schema is complete (no warning, every operation typed) and its documentation page
works offline (Swagger UI and Redoc from our own static files)."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_validates_with_no_warning(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    paths = schema["paths"]
    assert set(paths) >= {
        "/api/v1/public/news/", "/api/v1/public/organizations/", "/api/v1/public/statistics/",
        "/api/v1/delegations/", "/api/v1/delegations/{id}/", "/api/v1/events/", "/api/v1/aid-items/",
        "/api/v1/partners/", "/api/v1/token/",
    }  # fmt: skip
    assert all(path.startswith("/api/v1/") for path in paths)
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation["responses"], (path, method)
            for code, response in operation["responses"].items():
                if code not in ("204", "304"):
                    assert "content" in response, (path, method, code)
                    schema_text = str(response["content"])
                    assert "Unspecified" not in schema_text, (path, method, code)
    assert paths["/api/v1/delegations/"]["post"]["security"] == [{"integrationToken": []}]
    assert "security" not in paths["/api/v1/public/news/"]["get"] or paths["/api/v1/public/news/"]["get"][
        "security"
    ] == [{}]


def test_schema_endpoint_answers(client):
    response = client.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "HữuNghị API"


def test_documentation_page_loads_nothing_from_outside(client):
    url = "/api/docs/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    external = [
        u for u in re.findall(r"""(?:src|href)=["']([^"']+)""", html) if u.startswith(("http:", "https:", "//"))
    ]
    assert external == []
    for static in re.findall(r"""/static/([^"'?]+)""", html):
        assert finders.find(static), static
    assert "<script>" not in html  # no inline script: the CSP's script-src 'self' holds
    script = client.get(url, {"script": ""})
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
