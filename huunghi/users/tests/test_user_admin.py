import pytest
from django.urls import reverse

from huunghi.orgs.models import Organization
from huunghi.users.models import User

pytestmark = pytest.mark.django_db


def test_platform_admin_creates_an_account_with_organization_and_role(client_for):
    client = client_for("vufo.admin")
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="organization"' in form and 'name="role"' in form
    branch = Organization.objects.get(slug="nghe-an-viet-nga")
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nghean.vietnga",
            "email": "vietnga@example.vn",
            "first_name": "Thư ký",
            "last_name": "Việt Nga",
            "password1": "mat-khau-rat-dai-2026",
            "password2": "mat-khau-rat-dai-2026",
            "organization": branch.pk,
            "role": "association_secretary",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="nghean.vietnga")
    assert (user.organization, user.role) == (branch, "association_secretary")


def test_union_staff_do_not_manage_accounts(client_for):
    response = client_for("nghean.admin").get(reverse("wagtailusers_users:index"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
