import pytest
from django.core.cache import cache

from huunghi.api.services import token_issue
from huunghi.orgs.models import Organization

HIGH_RATES = {"api_public": "100000/minute", "api_token": "100000/minute"}


@pytest.fixture(autouse=True)
def api_rates(settings):
    """Throttling is tested on its own; elsewhere it must not depend on how many tests ran."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": HIGH_RATES}
    cache.clear()


@pytest.fixture
def issue_token(demo_user):
    """issue_token("nghean.admin", scope="read_write", org="nghe-an-viet-lao") → (token, key)."""

    def issue(username, scope="read", org=None):
        user = demo_user(username)
        organization = Organization.objects.get(slug=org) if org else user.organization
        return token_issue(organization=organization, name=f"test {username}", acting_user=user, scope=scope)

    return issue


@pytest.fixture
def api(client):
    """GET/POST/PATCH/PUT with an optional token; JSON bodies."""

    class Api:
        def __init__(self):
            self.client = client

        def _headers(self, key, headers):
            result = dict(headers or {})
            if key:
                result["Authorization"] = f"Token {key}"
            return result

        def get(self, url, key=None, headers=None, **params):
            return client.get(url, params, headers=self._headers(key, headers))

        def post(self, url, data, key=None):
            return client.post(url, data, content_type="application/json", headers=self._headers(key, None))

        def patch(self, url, data, key=None):
            return client.patch(url, data, content_type="application/json", headers=self._headers(key, None))

        def put(self, url, data, key=None):
            return client.put(url, data, content_type="application/json", headers=self._headers(key, None))

    return Api()
