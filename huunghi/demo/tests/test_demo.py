import pytest
from django.core.management import CommandError, call_command

from huunghi.core.models import OrgLogEntry
from huunghi.demo import data
from huunghi.demo.services import load_demo
from huunghi.orgs.models import ExecutiveMeeting, Organization, Position
from huunghi.users.models import User

pytestmark = pytest.mark.django_db

CLUSTER_1_PROVINCES = {
    "Bắc Giang",
    "Bắc Ninh",
    "Hà Nội",
    "Hải Dương",
    "Hải Phòng",
    "Nam Định",
    "Ninh Bình",
    "Nghệ An",
    "Thái Bình",
    "Thanh Hóa",
    "Vĩnh Phúc",
    "Quảng Ninh",
}


def test_the_twelve_unions_of_cluster_1_under_vufo():
    vufo = Organization.objects.get(slug="vufo")
    unions = Organization.objects.filter(parent=vufo, kind="provincial_union").exclude(slug__in=["hung-yen", "phu-tho"])
    assert {u.admin_unit.short_name for u in unions} == CLUSTER_1_PROVINCES
    assert all(u.admin_unit.generation == "legacy" for u in unions)  # 2024 records keep their old units


def test_nghe_an_associations_and_branches():
    nghe_an = Organization.objects.get(slug="nghe-an")
    associations = set(nghe_an.children.values_list("slug", flat=True))
    assert {"nghe-an-viet-nga", "nghe-an-viet-lao"} <= associations
    dien_chau = Organization.objects.get(slug="nghe-an-viet-nga-dien-chau")
    assert dien_chau.admin_unit.name == "Huyện Diễn Châu" and dien_chau.founded_on.year == 2023
    districts = set(
        Organization.objects.filter(parent__slug="nghe-an-viet-lao", founded_on__year=2023).values_list(
            "admin_unit__name", flat=True
        )
    )
    assert districts == {"Huyện Nghi Lộc", "Huyện Hưng Nguyên", "Huyện Nam Đàn"}


def test_ninth_executive_committee_meeting_of_the_fifth_term():
    meeting = ExecutiveMeeting.objects.get(term__organization__slug="nghe-an", number=9)
    assert meeting.term.number == 5
    assert meeting.held_on.isoformat() == "2024-01-24"
    assert Position.objects.get(organization__slug="nghe-an", title="president").person.full_name == "Nguyễn Văn Thông"


def test_demo_accounts():
    for username, slug, role, superuser, _name in data.DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert (user.organization.slug, user.role, user.is_superuser) == (slug, role, superuser)
        assert user.check_password(data.DEMO_PASSWORD)
        assert user.has_perm("wagtailadmin.access_admin")


def test_loading_twice_changes_nothing():
    counts = (Organization.objects.count(), OrgLogEntry.objects.count(), User.objects.count())
    load_demo()
    assert (Organization.objects.count(), OrgLogEntry.objects.count(), User.objects.count()) == counts


def test_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_each_union_has_its_portal_site(client):
    response = client.get("/", HTTP_HOST="nghe-an.localhost:8000")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An" in body
    assert "Hội Hữu nghị Việt – Lào tỉnh Nghệ An" in body
    assert "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nam Đàn" in body
    assert "7.000" in body  # the Việt–Lào association's members, Vietnamese grouping
    assert "Thanh Hóa" not in body
    vufo = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Liên hiệp các tổ chức hữu nghị Việt Nam" in vufo
