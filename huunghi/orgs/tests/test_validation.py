"""Bad input: a clear Vietnamese message naming the field, and nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from huunghi.core.models import AdminUnit, OrgLogEntry
from huunghi.core.services import record_create, record_update, snapshot
from huunghi.orgs import errors
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db


def org(slug):
    return Organization.objects.get(slug=slug)


def unit(generation, level, name, province):
    return AdminUnit.objects.get(generation=generation, level=level, name=name, parent__short_name=province)


def assert_rejected(instance, field, message, user=None):
    counts = (type(instance).objects.count(), OrgLogEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        record_create(instance=instance, acting_user=user)
    assert field in caught.value.message_dict
    assert any(str(message).split("%")[0][:20] in m for m in caught.value.message_dict[field])
    assert (type(instance).objects.count(), OrgLogEntry.objects.count()) == counts


def test_branch_in_a_unit_that_did_not_exist_on_its_founding_date():
    commune_2025 = unit("2025", "commune", "Phường Trường Vinh", "Nghệ An")
    branch = Organization(
        name="Chi hội thử",
        slug="chi-hoi-thu",
        kind=OrgKind.BRANCH,
        parent=org("nghe-an-viet-nga"),
        admin_unit=commune_2025,
        founded_on=datetime.date(2023, 3, 1),
    )
    assert_rejected(branch, "admin_unit", errors.ADMIN_UNIT_NOT_VALID_ON)
    district = unit("legacy", "district", "Huyện Diễn Châu", "Nghệ An")
    branch.admin_unit, branch.founded_on = district, datetime.date(2025, 9, 1)
    assert_rejected(branch, "admin_unit", errors.ADMIN_UNIT_NOT_VALID_ON)


def test_message_is_vietnamese_and_names_the_unit():
    branch = Organization(
        name="Chi hội thử",
        slug="chi-hoi-thu",
        kind=OrgKind.BRANCH,
        parent=org("nghe-an-viet-nga"),
        admin_unit=unit("2025", "commune", "Phường Trường Vinh", "Nghệ An"),
        founded_on=datetime.date(2023, 3, 1),
    )
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        branch.full_clean()
    message = caught.value.message_dict["admin_unit"][0]
    assert "Phường Trường Vinh" in message and "01/03/2023" in message
    assert "không tồn tại" in message


def test_member_joining_before_the_branch_was_founded():
    branch = org("nghe-an-viet-nga-dien-chau")
    person = Person.objects.filter(organization=branch).first()
    membership = Membership(organization=branch, person=person, joined_on=datetime.date(2020, 1, 1))
    assert_rejected(membership, "joined_on", errors.JOINED_BEFORE_FOUNDED)


def test_duplicate_slug():
    duplicate = Organization(
        name="Bản sao", slug="nghe-an", kind=OrgKind.ASSOCIATION, parent=org("vufo"), partner_country="RU"
    )
    assert_rejected(duplicate, "slug", errors.SLUG_TAKEN)


def test_cycle_in_the_tree_is_refused_and_nothing_moves():
    association = org("nghe-an-viet-lao")
    branch = org("nghe-an-viet-lao-nghi-loc")
    before = snapshot(association)
    paths = dict(Organization.objects.values_list("pk", "path"))
    association.kind = OrgKind.BRANCH
    association.parent = branch
    association.admin_unit = branch.admin_unit
    with pytest.raises(ValidationError) as caught:
        record_update(instance=association, acting_user=None, before=before)
    assert caught.value.message_dict["parent"] == [str(errors.PARENT_CYCLE)]
    assert dict(Organization.objects.values_list("pk", "path")) == paths


def test_kind_must_fit_its_parent():
    union_under_branch = Organization(
        name="Sai", slug="sai", kind=OrgKind.PROVINCIAL_UNION, parent=org("nghe-an-viet-lao-nghi-loc")
    )
    assert_rejected(union_under_branch, "parent", errors.PARENT_KIND_NOT_ALLOWED)


def test_writes_outside_the_scope_are_refused(demo_user):
    branch = Organization(
        name="Chi hội lạ",
        slug="chi-hoi-la",
        kind=OrgKind.BRANCH,
        parent=org("nghe-an-viet-lao"),
        admin_unit=unit("2025", "commune", "Phường Trường Vinh", "Nghệ An"),
        founded_on=datetime.date(2025, 8, 1),
    )
    with pytest.raises(PermissionDenied):
        record_create(instance=branch, acting_user=demo_user("thanhhoa.admin"))
    with pytest.raises(PermissionDenied):
        record_create(instance=branch, acting_user=demo_user("auditor"))
    assert not Organization.objects.filter(slug="chi-hoi-la").exists()
    created = record_create(instance=branch, acting_user=demo_user("nghean.vietlao"))
    assert created.path.startswith(org("nghe-an-viet-lao").path)


def test_moving_a_subtree_rewrites_every_path(demo_user):
    branch = org("nghe-an-viet-lao-nam-dan")
    before = snapshot(branch)
    branch.parent = org("nghe-an-viet-nga")
    record_update(instance=branch, acting_user=demo_user("nghean.admin"), before=before)
    branch.refresh_from_db()
    assert branch.path.startswith(org("nghe-an-viet-nga").path)
    entry = OrgLogEntry.objects.filter(object_id=str(branch.pk)).first()
    assert entry.user.username == "nghean.admin"
    assert entry.data["changes"][0]["field"] == "parent"


def test_back_office_form_shows_the_error_on_the_field_and_saves_nothing(client_for):
    from django.urls import reverse

    client = client_for("nghean.admin")
    before = Organization.objects.count()
    response = client.post(
        reverse("wagtailsnippets_orgs_organization:add"),
        {
            "name": "Chi hội thử",
            "slug": "chi-hoi-thu",
            "kind": "branch",
            "parent": org("nghe-an-viet-nga").pk,
            "admin_unit": unit("2025", "commune", "Phường Trường Vinh", "Nghệ An").pk,
            "founded_on": "01/03/2023",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "không tồn tại vào ngày 01/03/2023" in body
    assert Organization.objects.count() == before


def test_a_record_of_another_tenant_cannot_be_pulled_into_ones_own_scope(demo_user):
    membership = Membership.objects.filter(organization__slug="nghe-an-viet-lao-nghi-loc").first()
    before = snapshot(membership)
    membership.organization = org("thanh-hoa-viet-lao-quan-hoa")
    with pytest.raises(PermissionDenied):
        record_update(instance=membership, acting_user=demo_user("thanhhoa.admin"), before=before)
    membership.refresh_from_db()
    assert membership.organization.slug == "nghe-an-viet-lao-nghi-loc"
