"""Every change made through the back office is logged with user, time and the changed fields."""

import pytest
from django.urls import reverse

from huunghi.core.models import OrgLogEntry
from huunghi.orgs.models import Membership, Organization

pytestmark = pytest.mark.django_db


def test_edit_through_the_back_office_is_logged_with_changed_fields(client_for):
    branch = Organization.objects.get(slug="nghe-an-viet-lao-nghi-loc")
    membership = Membership.objects.filter(organization=branch).first()
    client = client_for("nghean.admin")
    response = client.post(
        reverse("wagtailsnippets_orgs_membership:edit", args=[membership.pk]),
        {
            "organization": branch.pk,
            "person": membership.person_id,
            "joined_on": membership.joined_on.strftime("%d/%m/%Y"),
            "card_number": "NL-0001",
            # the inline status history, unchanged
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
            "status_changes-MIN_NUM_FORMS": "0",
            "status_changes-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = OrgLogEntry.objects.filter(object_id=str(membership.pk), action="huunghi.edit").first()
    assert entry.user.username == "nghean.admin"
    assert entry.data["changes"] == [
        {"field": "card_number", "label": entry.data["changes"][0]["label"], "old": "", "new": "NL-0001"}
    ]
    history = client.get(reverse("wagtailsnippets_orgs_membership:history", args=[membership.pk])).content.decode()
    assert "NL-0001" in history


def test_site_history_report_shows_only_the_users_subtree(client_for):
    nghe_an_branch = Organization.objects.get(slug="nghe-an-viet-lao-nghi-loc")
    thanh_hoa_branch = Organization.objects.get(slug="thanh-hoa-viet-lao-quan-hoa")
    client = client_for("thanhhoa.admin")
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    body = report.content.decode()
    assert thanh_hoa_branch.name in body
    assert nghe_an_branch.name not in body
    assert "Nghệ An" not in body


def test_delete_through_the_back_office_is_logged(client_for):
    branch = Organization.objects.get(slug="nghe-an-viet-lao-nghi-loc")
    membership = Membership.objects.filter(organization=branch).first()
    client = client_for("nghean.vietlao")
    response = client.post(reverse("wagtailsnippets_orgs_membership:delete", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = OrgLogEntry.objects.get(object_id=str(membership.pk), action="huunghi.delete")
    assert entry.user.username == "nghean.vietlao" and entry.org_path == branch.path
