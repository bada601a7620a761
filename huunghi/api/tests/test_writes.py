"""Delegation writes through the API: validated by the model and the back office's rules, with
Vietnamese messages, audited, and nothing saved on bad input."""

import pytest

from huunghi.api.apis import PARTNERS_OR_COUNTRY
from huunghi.core.models import OrgLogEntry
from huunghi.relations import errors
from huunghi.relations.models import Delegation, ForeignPartner

pytestmark = pytest.mark.django_db

URL = "/api/v1/delegations/"


def body(**extra):
    return {"direction": "incoming", "level": "peoples_org", "title": "Đoàn Xiêng Khoảng thăm Nghệ An",
            "countries": ["LA"], "starts_on": "2024-11-05", "ends_on": "2024-11-07", "size": 8, **extra}  # fmt: skip


@pytest.fixture
def key(issue_token):
    return issue_token("nghean.admin", scope="read_write")[1]


def test_create_is_validated_saved_and_audited(api, key):
    partner = ForeignPartner.objects.filter(organization__slug="nghe-an", country="LA").first()
    response = api.post(URL, body(partners=[partner.pk], countries=[]), key=key)
    assert response.status_code == 201, response.content
    created = Delegation.objects.get(pk=response.json()["id"])
    assert created.organization.slug == "nghe-an" and [p.pk for p in created.partners.all()] == [partner.pk]
    assert response.json()["countries"] == ["LA"]  # the partners' countries, as in the back office
    entry = OrgLogEntry.objects.for_instance(created).get()
    assert entry.action == "huunghi.create" and entry.user.username == "nghean.admin"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"ends_on": "2024-11-01"}, "ends_on", errors.END_BEFORE_START % {"start": "05/11/2024"}),
        ({"countries": []}, "countries", PARTNERS_OR_COUNTRY),
    ],
)
def test_bad_input_is_400_in_vietnamese_and_nothing_is_saved(api, key, data, field, message):
    before = Delegation.objects.count()
    response = api.post(URL, body(**data), key=key)
    assert response.status_code == 400
    assert response.json()[field] == [str(message)]
    assert Delegation.objects.count() == before


def test_messages_are_vietnamese(api, key):
    response = api.post(URL, body(ends_on="2024-11-01"), key=key)
    assert response.json()["ends_on"][0].startswith("Ngày kết thúc")


def test_wrong_types_are_400_per_field(api, key):
    response = api.post(URL, body(size="nhiều", starts_on="hôm qua", direction="sideways"), key=key)
    assert response.status_code == 400
    assert set(response.json()) == {"size", "starts_on", "direction"}


def test_size_below_one_uses_the_models_message(api, key):
    response = api.post(URL, body(size=0), key=key)
    assert response.status_code == 400
    assert "size" in response.json()


def test_likely_duplicate_needs_confirmation(api, key):
    assert api.post(URL, body(), key=key).status_code == 201
    again = api.post(URL, body(), key=key)
    assert again.status_code == 400 and "not_duplicate" in again.json()["non_field_errors"][0]
    assert api.post(URL, body(not_duplicate=True), key=key).status_code == 201


def test_update_and_partial_update(api, key):
    created = api.post(URL, body(), key=key).json()
    url = f"{URL}{created['id']}/"
    response = api.patch(url, {"outcome": "Ký biên bản ghi nhớ"}, key=key)
    assert response.status_code == 200 and response.json()["outcome"] == "Ký biên bản ghi nhớ"
    assert response.json()["title"] == created["title"]
    response = api.put(url, body(title="Đoàn Xiêng Khoảng (sửa)", not_duplicate=True), key=key)
    assert response.status_code == 200 and response.json()["title"] == "Đoàn Xiêng Khoảng (sửa)"
    bad = api.patch(url, {"ends_on": "2024-01-01"}, key=key)
    assert bad.status_code == 400
    assert Delegation.objects.get(pk=created["id"]).ends_on.isoformat() == "2024-11-07"
    delegation = Delegation.objects.get(pk=created["id"])
    actions = list(OrgLogEntry.objects.for_instance(delegation).values_list("action", flat=True))
    assert actions.count("huunghi.edit") == 2


def test_another_unions_partner_cannot_be_linked(api, key):
    from huunghi.orgs.models import Organization

    foreign = ForeignPartner.objects.create(
        organization=Organization.objects.get(slug="thanh-hoa"), name="Other union's partner", kind="ngo", country="LA"
    )
    response = api.post(URL, body(partners=[foreign.pk]), key=key)
    assert response.status_code == 400 and "partners" in response.json()


def test_dates_out_of_range_are_400(api, key):
    response = api.post(URL, body(starts_on="0001-01-01", ends_on="9999-12-31"), key=key)
    assert response.status_code == 400 and set(response.json()) == {"starts_on", "ends_on"}
