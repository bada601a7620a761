"""Integration tokens in the back office: issued with the key shown once, stored hashed, listed
within the officer's subtree, revoked (and then refused by the API), all audited."""

import re

import pytest
from django.urls import reverse

from huunghi.api.models import IntegrationToken
from huunghi.api.services import hash_key
from huunghi.core.models import OrgLogEntry
from huunghi.orgs.models import Organization

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_api_integrationtoken:list"
ADD = "wagtailsnippets_api_integrationtoken:add"
EDIT = "wagtailsnippets_api_integrationtoken:edit"


def test_issue_shows_the_key_once_and_stores_only_its_hash(client_for, api):
    client = client_for("nghean.admin")
    nghe_an = Organization.objects.get(slug="nghe-an")
    response = client.post(reverse(ADD), {"organization": nghe_an.pk, "name": "Cổng dịch vụ công", "scope": "read"})
    assert response.status_code == 200, response.content[:2000]
    key = re.search(r'id="integration-token-key"[^>]*>([^<]+)<', response.content.decode()).group(1)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    token = IntegrationToken.objects.get(name="Cổng dịch vụ công")
    assert token.key_hash == hash_key(key) and key not in str(token.__dict__)
    assert token.created_by.username == "nghean.admin" and token.organization == nghe_an
    assert key not in client.get(reverse(INDEX)).content.decode()  # never shown again
    assert OrgLogEntry.objects.for_instance(token).filter(action="huunghi.create").exists()
    assert api.get("/api/v1/token/", key=key).json()["organization"]["slug"] == "nghe-an"


def test_revoke_in_the_back_office_stops_the_token(client_for, api, issue_token):
    token, key = issue_token("nghean.admin", scope="read_write")
    client = client_for("nghean.admin")
    response = client.post(reverse(EDIT, args=[token.pk]), {"name": token.name, "revoke": "on"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/api/v1/delegations/", key=key).status_code == 401


def test_tokens_are_listed_and_reached_within_the_subtree_only(client_for, issue_token):
    nghe_an_token, _key = issue_token("nghean.admin")
    thanh_hoa = client_for("thanhhoa.admin")
    assert nghe_an_token.name not in thanh_hoa.get(reverse(INDEX)).content.decode()
    assert thanh_hoa.get(reverse(EDIT, args=[nghe_an_token.pk])).status_code == 404
    # nor can it issue a token for another union's organization
    nghe_an = Organization.objects.get(slug="nghe-an")
    response = thanh_hoa.post(reverse(ADD), {"organization": nghe_an.pk, "name": "x", "scope": "read"})
    assert response.status_code == 200 and not IntegrationToken.objects.filter(name="x").exists()


@pytest.mark.parametrize("username", ["auditor", "cluster1.head"])
def test_read_only_roles_cannot_issue(client_for, username):
    response = client_for(username).get(reverse(ADD))
    assert response.status_code in (302, 403)
