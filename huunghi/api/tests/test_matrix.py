"""Every integration endpoint for every kind of caller: exactly what each may read and write.

Expectations come from the roles (DESIGN.md §4) and the token rules, not from the policy code: a
token reaches the records of its organization's subtree and those shared with it (co-hosted,
co-organized); another union's records do not exist for it (404); a read token never writes
(403); an anonymous caller, a revoked or expired token, or one whose issuer lost access, is 401.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from huunghi.aid.models import AidItem, AidKind
from huunghi.orgs.models import Organization
from huunghi.relations.models import Delegation, Event, ForeignPartner

pytestmark = pytest.mark.django_db

READ_ENDPOINTS = {
    Delegation: "/api/v1/delegations/",
    Event: "/api/v1/events/",
    AidItem: "/api/v1/aid-items/",
    ForeignPartner: "/api/v1/partners/",
}
LISTS = [*READ_ENDPOINTS.values(), "/api/v1/token/"]


@pytest.fixture
def thanh_hoa_records():
    """One record of each kind owned by Thanh Hóa; its delegation co-hosted by Nghệ An."""
    thanh_hoa, nghe_an = Organization.objects.get(slug="thanh-hoa"), Organization.objects.get(slug="nghe-an")
    partner = ForeignPartner.objects.create(
        organization=thanh_hoa, name="Houaphanh Friendship Union", kind="peoples_org", country="LA"
    )
    delegation = Delegation.objects.create(organization=thanh_hoa, direction="incoming", level="peoples_org",
                                           title="Đoàn Hủa Phăn", starts_on=datetime.date(2024, 5, 2),
                                           ends_on=datetime.date(2024, 5, 4), countries=["LA"])  # fmt: skip
    delegation.hosts = [nghe_an]
    delegation.save()  # modelcluster: parental relations are written on save
    event = Event.objects.create(organization=thanh_hoa, kind="conference", title="Hội thảo Thanh Hóa", country="LA",
                                 starts_on=datetime.date(2024, 6, 1), ends_on=datetime.date(2024, 6, 1))  # fmt: skip
    aid = AidItem.objects.create(organization=thanh_hoa, title="Học bổng Thanh Hóa", kind=AidKind.SCHOLARSHIP,
                                 sector="11420", starts_on=datetime.date(2024, 9, 1))  # fmt: skip
    return {Delegation: delegation, Event: event, AidItem: aid, ForeignPartner: partner}


def ids(api, url, key):
    response = api.get(url, key=key, limit=100)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def subtree(slug):
    return Organization.objects.get(slug=slug).path


@pytest.mark.parametrize("url", LISTS)
def test_anonymous_and_bad_tokens_get_401(api, issue_token, url):
    token, key = issue_token("nghean.admin", scope="read_write")
    assert api.get(url).status_code == 401
    assert api.get(url, key="hn_not-a-real-key").status_code == 401
    assert api.get(url, headers={"Authorization": "Token"}).status_code == 401
    token.revoked_at = token.created_at
    token.save()
    response = api.get(url, key=key)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")


def test_expired_token_and_deactivated_issuer_get_401(api, issue_token, demo_user):
    token, key = issue_token("nghean.editor")
    assert api.get("/api/v1/token/", key=key).status_code == 200
    token.expires_on = datetime.date(2020, 1, 1)
    token.save()
    assert api.get("/api/v1/token/", key=key).status_code == 401
    token.expires_on = None
    token.save()
    issuer = demo_user("nghean.editor")
    issuer.is_active = False
    issuer.save()
    assert api.get("/api/v1/token/", key=key).status_code == 401


def test_issuer_moved_out_of_the_organization_gets_401(api, issue_token, demo_user):
    _token, key = issue_token("nghean.editor")
    issuer = demo_user("nghean.editor")
    issuer.organization = Organization.objects.get(slug="thanh-hoa")
    issuer.save()
    assert api.get("/api/v1/token/", key=key).status_code == 401


@pytest.mark.parametrize(
    "username, org, scope",
    [
        ("nghean.admin", "nghe-an", "read"),
        ("nghean.admin", "nghe-an", "read_write"),
        ("nghean.admin", "nghe-an-viet-lao", "read"),  # a union issues a token for one association
        ("nghean.vietlao", "nghe-an-viet-lao", "read_write"),
        ("thanhhoa.admin", "thanh-hoa", "read"),
        ("vufo.admin", "nghe-an", "read"),  # a platform admin's token still reaches one subtree only
    ],
)
def test_lists_and_details_stay_in_the_token_subtree(api, issue_token, thanh_hoa_records, username, org, scope):
    _token, key = issue_token(username, scope=scope, org=org)
    path = subtree(org)
    for model, url in READ_ENDPOINTS.items():
        seen = ids(api, url, key)
        owned = set(model.objects.filter(organization__path__startswith=path).values_list("pk", flat=True))
        assert owned <= seen, (model, url)
        for record in model.objects.filter(pk__in=seen - owned).select_related("organization"):
            # Beyond its own records: shared ones (co-hosted, co-organized, taking part) or, for
            # partners, the registry of the union above it.
            if model is ForeignPartner:
                assert path.startswith(record.organization.path)
            else:
                shared = [o.path for lookup in model.shared_lookups for o in getattr(record, lookup).all()]
                assert any(p.startswith(path) for p in shared), (model, record)
        other = thanh_hoa_records[model]
        expected = 200 if (other.pk in seen) else 404
        assert api.get(f"{url}{other.pk}/", key=key).status_code == expected
        if org.startswith("nghe-an") and model is not ForeignPartner:
            assert other.pk not in seen or model is Delegation and org == "nghe-an"


def test_shared_delegation_is_read_but_not_changed_by_the_cohost(api, issue_token, thanh_hoa_records):
    _token, key = issue_token("nghean.admin", scope="read_write")
    delegation = thanh_hoa_records[Delegation]
    url = f"/api/v1/delegations/{delegation.pk}/"
    assert api.get(url, key=key).status_code == 200
    assert api.patch(url, {"title": "Đổi tên"}, key=key).status_code == 403
    delegation.refresh_from_db()
    assert delegation.title == "Đoàn Hủa Phăn"


def _new_delegation(**extra):
    return {"direction": "incoming", "level": "peoples_org", "title": "Đoàn thử nghiệm API", "countries": ["LA"],
            "starts_on": "2024-10-01", "ends_on": "2024-10-03", "size": 5, **extra}  # fmt: skip


@pytest.mark.parametrize(
    "username, org, scope, expected",
    [
        ("nghean.admin", "nghe-an", "read", 403),
        ("nghean.admin", "nghe-an", "read_write", 201),
        ("nghean.editor", "nghe-an", "read_write", 201),
        ("nghean.vietlao", "nghe-an-viet-lao", "read_write", 201),
    ],
)
def test_who_may_create_a_delegation(api, issue_token, username, org, scope, expected):
    _token, key = issue_token(username, scope=scope, org=org)
    before = Delegation.objects.count()
    response = api.post("/api/v1/delegations/", _new_delegation(), key=key)
    assert response.status_code == expected, response.content
    assert Delegation.objects.count() == before + (1 if expected == 201 else 0)
    if expected == 201:
        assert Delegation.objects.get(pk=response.json()["id"]).organization.slug == org


def test_writes_cannot_reach_another_union(api, issue_token, thanh_hoa_records):
    _token, key = issue_token("thanhhoa.admin", scope="read_write")
    nghe_an = Organization.objects.get(slug="nghe-an")
    own_delegation = Delegation.objects.filter(organization=nghe_an).first()
    before = Delegation.objects.count()
    response = api.post("/api/v1/delegations/", _new_delegation(organization=nghe_an.pk), key=key)
    assert response.status_code == 400 and "organization" in response.json()
    assert api.patch(f"/api/v1/delegations/{own_delegation.pk}/", {"title": "x"}, key=key).status_code == 404
    assert Delegation.objects.count() == before
    # An association's token cannot move its delegation up to the union
    _token, key = issue_token("nghean.vietlao", scope="read_write")
    delegation = Delegation.objects.filter(organization__slug="nghe-an-viet-lao").first()
    response = api.patch(f"/api/v1/delegations/{delegation.pk}/", {"organization": nghe_an.pk}, key=key)
    assert response.status_code == 400
    delegation.refresh_from_db()
    assert delegation.organization.slug == "nghe-an-viet-lao"


@pytest.mark.parametrize("method", ["post", "patch", "put"])
def test_read_only_token_never_writes(api, issue_token, method):
    _token, key = issue_token("nghean.admin", scope="read")
    delegation = Delegation.objects.filter(organization__slug="nghe-an").first()
    url = "/api/v1/delegations/" if method == "post" else f"/api/v1/delegations/{delegation.pk}/"
    response = getattr(api, method)(url, _new_delegation(), key=key)
    assert response.status_code == 403
    for url in ("/api/v1/events/", "/api/v1/aid-items/", "/api/v1/partners/"):
        _token, rw_key = issue_token("nghean.admin", scope="read_write")
        assert api.post(url, {}, key=rw_key).status_code == 405  # read-only resources


@pytest.mark.parametrize("username", ["cluster1.head", "auditor"])
def test_read_only_roles_issue_no_token(issue_token, username):
    with pytest.raises(PermissionDenied):
        issue_token(username, scope="read")


def test_token_follows_its_issuers_role(api, issue_token, demo_user):
    """A read-write token of an editor who became an auditor reads, and no longer writes."""
    _token, key = issue_token("nghean.editor", scope="read_write")
    issuer = demo_user("nghean.editor")
    issuer.role = "auditor"
    issuer.save()
    assert api.get("/api/v1/delegations/", key=key).status_code == 200
    assert api.post("/api/v1/delegations/", _new_delegation(), key=key).status_code == 403
