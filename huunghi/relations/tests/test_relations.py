"""Foreign relations: the statistics function against the hand-counted demo, tenancy of shared
records, and bad input (each refused with a Vietnamese message, nothing saved)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from huunghi.core.access import scoped_queryset
from huunghi.core.models import AdminUnit, OrgLogEntry
from huunghi.demo.relations import INCOMING_2023, OUTGOING_2023
from huunghi.orgs.models import Organization
from huunghi.relations import errors
from huunghi.relations.models import Delegation, Event, ForeignPartner
from huunghi.relations.stats import IN, OUT, relations_stats, year_range

D = datetime.date
ADD = "wagtailsnippets_relations_delegation:add"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def org(slug):
    return Organization.objects.get(slug=slug)


def stats(slug, year=2023):
    start, end = year_range(year)
    return relations_stats(organization=org(slug), start=start, end=end)


# --- The one statistics function ---------------------------------------------------------------


def test_nghe_an_2023_reproduces_more_than_20_delegations(db):
    result = stats("nghe-an")
    assert result.delegations[IN] == len(INCOMING_2023) == 22 > 20
    assert result.delegations[OUT] == len(OUTGOING_2023) == 3
    assert result.people[IN] == sum(row[5] for row in INCOMING_2023) == 214
    assert result.people[OUT] == 19


def test_counts_by_country_level_and_month_match_the_hand_count(db):
    result = stats("nghe-an")
    countries = {code: (n_in, n_out) for code, _name, n_in, n_out in result.country_rows()}
    assert countries["LA"] == (10, 2)  # Xiêng Khoảng ×3, Hủa Phăn ×2, Bôlykhămxay ×2, Khăm Muộn ×2, Viêng Chăn
    assert countries["RU"] == (3, 0) and countries["JP"] == (2, 0) and countries["KR"] == (2, 0)
    assert countries["CU"] == (2, 0) and countries["CN"] == (1, 0) and countries["TH"] == (2, 1)
    levels = {level: (n_in, n_out) for level, _label, n_in, n_out in result.level_rows()}
    assert levels["peoples_org"] == (10, 1) and levels["state"] == (7, 1) and levels["party"] == (2, 0)
    months = {month: (n_in, n_out) for _y, month, n_in, n_out, _e in result.month_rows()}
    assert sum(n for n, _ in months.values()) == 22
    assert months[12] == (3, 0) and months[3] == (2, 1)


def test_an_association_counts_its_own_and_the_union_counts_everything_once(db):
    assert stats("nghe-an-viet-lao").delegations == {IN: 4, OUT: 1}
    assert stats("nghe-an-viet-nga").delegations == {IN: 3, OUT: 0}
    assert stats("nghe-an").delegations_total == 25  # 22 + 3, the association ones included once


def test_jointly_hosted_delegation_counts_for_both_unions(db):
    assert stats("thanh-hoa").delegations == {IN: 1, OUT: 0}
    assert stats("nghe-an", 2024).delegations == {IN: 0, OUT: 0}


def test_events_of_the_articles(db):
    result = stats("nghe-an", 2024)
    assert result.events == {"signing": 1, "executive_meeting": 1}
    covenant = Event.objects.get(kind="signing")
    assert (covenant.starts_on, covenant.ends_on) == (D(2024, 4, 1), D(2024, 4, 3))
    assert "Điện Biên" in covenant.place
    assert covenant.participants.count() == 11  # the other unions of Cluster No. 1
    conference = Event.objects.get(kind="executive_meeting")
    assert conference.starts_on == D(2024, 1, 24)
    assert conference.executive_meeting.number == 9 and conference.executive_meeting.term.number == 5
    assert stats("thanh-hoa", 2024).events == {"signing": 1}  # a participant sees it


def test_statistics_page_links_to_the_records_behind_each_number(client_for):
    client = client_for("nghean.admin")
    page = client.get(reverse("relations_stats"), {"year": 2023})
    assert page.status_code == 200
    summary = page.context["summary"]
    label, value, url = summary[0]
    assert value == 22
    listing = client.get(url)
    assert listing.status_code == 200
    assert len(listing.context["object_list"]) == 22
    for _label, n_in, _n_out, url_in, _url_out in page.context["countries"]:
        assert len(client.get(url_in).context["object_list"]) == n_in
    for month, n_in, _n_out, _n_events, url_in, _url_out, _url_events in page.context["months"]:
        assert len(client.get(url_in).context["object_list"]) == n_in, month


def test_statistics_of_another_union_are_not_reachable(client_for):
    response = client_for("nghean.admin").get(reverse("relations_stats"), {"organization": org("thanh-hoa").pk})
    assert response.status_code == 404


def test_calendar_shows_the_month(client_for):
    page = client_for("nghean.admin").get(reverse("relations_calendar"), {"year": 2023, "month": 12}).content.decode()
    assert "Đoàn nghệ sĩ Nga biểu diễn giao lưu" in page
    assert "Đoàn Tỉnh ủy Hủa Phăn trao đổi" not in page  # February


# --- Tenancy ---------------------------------------------------------------------------------------


def test_co_host_sees_but_does_not_edit(client_for, demo_user):
    joint = Delegation.objects.get(title__startswith="Đoàn Tỉnh ủy Hủa Phăn trao đổi")
    thanh_hoa = demo_user("thanhhoa.admin")
    assert scoped_queryset(Delegation, thanh_hoa).filter(pk=joint.pk).exists()
    assert scoped_queryset(Delegation, thanh_hoa).count() == 1
    client = client_for("thanhhoa.admin")
    assert client.get(reverse("wagtailsnippets_relations_delegation:inspect", args=[joint.pk])).status_code == 200
    edit = client.get(reverse("wagtailsnippets_relations_delegation:edit", args=[joint.pk]))
    assert edit.status_code in (302, 403)
    calendar = client.get(reverse("relations_calendar"), {"year": 2023, "month": 2}).content.decode()
    assert "Hủa Phăn" in calendar and f"/inspect/{joint.pk}/" in calendar


def test_other_delegations_are_invisible_to_another_union(client_for):
    other = Delegation.objects.get(title__startswith="Đoàn nghệ sĩ Nga")
    client = client_for("thanhhoa.admin")
    assert client.get(reverse("wagtailsnippets_relations_delegation:inspect", args=[other.pk])).status_code == 404
    assert client.get(reverse("wagtailsnippets_relations_delegation:edit", args=[other.pk])).status_code == 404


def test_union_partners_are_offered_to_its_associations(demo_user):
    secretary = demo_user("nghean.vietlao")
    visible = scoped_queryset(ForeignPartner, secretary)
    assert visible.filter(name__contains="Xiangkhouang").exists()
    assert not scoped_queryset(ForeignPartner, secretary, "change").exists()


# --- Bad input -------------------------------------------------------------------------------------


def form_data(**overrides):
    partner = ForeignPartner.objects.get(name="Russia–Vietnam Friendship Society")
    data = {
        "organization": org("nghe-an").pk,
        "direction": "incoming",
        "level": "peoples_org",
        "title": "Đoàn thử nghiệm",
        "partners": [partner.pk],
        "head_name": "",
        "head_title": "",
        "size": "4",
        "starts_on": "10/05/2024",
        "ends_on": "12/05/2024",
        "purpose": "",
        "programme": "",
        "outcome": "",
        "follow_up": "",
    }
    for prefix in ("photos", "documents"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
                     f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update(overrides)
    return data


def test_end_before_start_is_refused_and_nothing_saved(client_for):
    count = Delegation.objects.count()
    response = client_for("nghean.admin").post(reverse(ADD), form_data(ends_on="01/05/2024"))
    assert response.status_code == 200
    assert "Ngày kết thúc không được sớm hơn ngày bắt đầu (10/05/2024)" in response.content.decode()
    assert Delegation.objects.count() == count


def test_the_same_delegation_twice_warns_with_the_likely_duplicate(client_for):
    client = client_for("nghean.admin")
    assert client.post(reverse(ADD), form_data()).status_code == 302
    logs = OrgLogEntry.objects.count()
    again = client.post(reverse(ADD), form_data(title="Đoàn thử nghiệm (nhập lại)", starts_on="11/05/2024"))
    body = again.content.decode()
    assert again.status_code == 200 and "trùng" in body and "Đoàn thử nghiệm (10/05/2024)" in body
    assert Delegation.objects.filter(title__startswith="Đoàn thử nghiệm").count() == 1
    assert OrgLogEntry.objects.count() == logs
    confirmed = client.post(
        reverse(ADD), form_data(title="Đoàn thử nghiệm (nhập lại)", starts_on="11/05/2024", not_duplicate="on")
    )
    assert confirmed.status_code == 302
    assert Delegation.objects.filter(title__startswith="Đoàn thử nghiệm").count() == 2


def test_partner_or_country_is_required(client_for):
    response = client_for("nghean.admin").post(reverse(ADD), form_data(partners=[]))
    assert response.status_code == 200 and "quốc gia" in response.content.decode()


def test_unknown_country_code_is_refused(client_for):
    response = client_for("nghean.admin").post(
        reverse("wagtailsnippets_relations_foreignpartner:add"),
        {"organization": org("nghe-an").pk, "name": "Nowhere Society", "kind": "ngo", "country": "XX"},
    )
    assert response.status_code == 200
    assert not ForeignPartner.objects.filter(name="Nowhere Society").exists()
    assert "XX" in response.content.decode()  # "Chọn một lựa chọn hợp lệ. XX không phải…"


def _event(**values):
    base = {"organization": org("nghe-an"), "kind": "conference", "title": "Hội thảo", "starts_on": D(2024, 3, 1),
            "ends_on": D(2024, 3, 1)}  # fmt: skip
    base.update(values)
    return Event(**base)


def test_event_place_must_exist_on_the_event_date(db):
    vinh_2024 = AdminUnit.objects.get(generation="legacy", level="district", name="Thành phố Vinh")
    new_unit = AdminUnit.objects.filter(generation="2025", level="commune").first()
    _event(admin_unit=vinh_2024).full_clean()
    with pytest.raises(ValidationError) as error:
        _event(admin_unit=new_unit).full_clean()  # a 2025 commune did not exist in March 2024
    assert "không tồn tại" in str(error.value) or "did not exist" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _event(admin_unit=vinh_2024, starts_on=D(2025, 8, 1), ends_on=D(2025, 8, 1)).full_clean()
    assert error.value.message_dict["admin_unit"]
    with pytest.raises(ValidationError) as error:
        _event().full_clean()
    assert error.value.message_dict["admin_unit"] == [str(errors.PLACE_REQUIRED)]
    _event(country="LA", city="Viêng Chăn").full_clean()


def test_photo_that_is_not_an_image_or_too_large_is_refused(client_for, settings):
    from wagtail.images.forms import get_image_form

    from huunghi.images.models import CustomImage

    form_class = get_image_form(CustomImage)
    text = SimpleUploadedFile("anh.jpg", b"this is not a picture", content_type="image/jpeg")
    form = form_class({"title": "Ảnh"}, {"file": text}, user=None)
    assert not form.is_valid() and "file" in form.errors

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    huge = SimpleUploadedFile("lon.png", buffer.getvalue(), "image/png")
    huge.size = 200 * 1024 * 1024  # what the upload handler reports; the check reads no further
    form = form_class({"title": "Ảnh lớn"}, {"file": huge}, user=None)
    assert not form.is_valid()
    assert "Dung lượng tối đa 20,0\xa0MB" in str(form.errors["file"])
    assert not CustomImage.objects.filter(title__startswith="Ảnh").exists()


def test_partner_page_lists_its_history(client_for):
    partner = ForeignPartner.objects.get(name="Russia–Vietnam Friendship Society")
    page = client_for("nghean.admin").get(
        reverse("wagtailsnippets_relations_foreignpartner:inspect", args=[partner.pk])
    )
    history = page.context["history"]
    assert [row["title"] for row in history] == [
        "Đoàn nghệ sĩ Nga biểu diễn giao lưu",
        "Đoàn Hội Hữu nghị Nga – Việt thăm Nghệ An",
    ]
    assert "partner-history" in page.content.decode()


def test_delegation_page_shows_photos_with_caption_and_credit(client_for):
    from django.core.files.images import ImageFile
    from PIL import Image

    from huunghi.images.models import CustomImage
    from huunghi.relations.models import DelegationPhoto

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    image = CustomImage.objects.create(
        title="Đón đoàn", file=ImageFile(buffer, name="don-doan.png"), caption="Lễ đón đoàn", credit="Quốc Khánh"
    )
    delegation = Delegation.objects.get(title__startswith="Đoàn nghệ sĩ Nga")
    DelegationPhoto.objects.create(delegation=delegation, image=image, caption="")
    page = client_for("nghean.admin").get(reverse("wagtailsnippets_relations_delegation:inspect", args=[delegation.pk]))
    body = page.content.decode()
    assert 'data-testid="photos"' in body and "Lễ đón đoàn" in body and "Ảnh: Quốc Khánh" in body


# Who reaches what: a union delegation and an association one, through every object URL.
EXPECTED = {  # username → {record: (inspect, edit, delete)}
    "vufo.admin": {"union": ("ok", "ok", "ok"), "association": ("ok", "ok", "ok")},
    "auditor": {"union": ("ok", "forbidden", "forbidden"), "association": ("ok", "forbidden", "forbidden")},
    "nghean.admin": {"union": ("ok", "ok", "ok"), "association": ("ok", "ok", "ok")},
    "nghean.editor": {"union": ("ok", "ok", "forbidden"), "association": ("ok", "ok", "forbidden")},
    "nghean.vietlao": {"union": ("missing",) * 3, "association": ("ok", "ok", "ok")},
    "thanhhoa.admin": {"union": ("missing",) * 3, "association": ("missing",) * 3},
    "cluster1.head": {"union": ("missing",) * 3, "association": ("missing",) * 3},
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_permission_matrix_of_delegations(client_for, username):
    from huunghi.orgs.tests.test_admin_matrix import outcome

    records = {
        "union": Delegation.objects.get(title="Đại sứ Cuba thăm và làm việc với Liên hiệp"),
        "association": Delegation.objects.get(title__startswith="Đoàn thanh niên Viêng Chăn"),
    }
    client = client_for(username)
    for name, record in records.items():
        seen = tuple(
            outcome(client.get(reverse(f"wagtailsnippets_relations_delegation:{action}", args=[record.pk])))
            for action in ("inspect", "edit", "delete")
        )
        assert seen == EXPECTED[username][name], (username, name)


def test_co_hosts_list_links_to_the_inspect_page(client_for):
    joint = Delegation.objects.get(title__startswith="Đoàn Tỉnh ủy Hủa Phăn trao đổi")
    listing = client_for("thanhhoa.admin").get(reverse("wagtailsnippets_relations_delegation:list")).content.decode()
    assert reverse("wagtailsnippets_relations_delegation:inspect", args=[joint.pk]) in listing
    assert reverse("wagtailsnippets_relations_delegation:edit", args=[joint.pk]) not in listing
    owner_list = client_for("nghean.admin").get(reverse("wagtailsnippets_relations_delegation:list")).content.decode()
    assert reverse("wagtailsnippets_relations_delegation:edit", args=[joint.pk]) in owner_list


def test_delegation_countries_come_from_its_partners(client_for):
    response = client_for("nghean.admin").post(reverse(ADD), form_data(title="Đoàn có quốc gia", countries=["JP"]))
    assert response.status_code == 302
    delegation = Delegation.objects.get(title="Đoàn có quốc gia")
    assert sorted(c.code for c in delegation.countries) == ["JP", "RU"]


def test_each_union_uploads_into_its_own_collection(demo_user):
    from wagtail.images.permissions import permission_policy

    nghe_an, thanh_hoa = demo_user("nghean.editor"), demo_user("thanhhoa.admin")
    mine = {c.name for c in permission_policy.collections_user_has_permission_for(nghe_an, "add")}
    theirs = {c.name for c in permission_policy.collections_user_has_permission_for(thanh_hoa, "add")}
    assert mine == {org("nghe-an").name} and theirs == {org("thanh-hoa").name}
    assert not permission_policy.collections_user_has_permission_for(demo_user("auditor"), "add").exists()


def test_partners_of_several_countries_on_one_delegation(client_for):
    kr = ForeignPartner.objects.get(name="Good Neighbors International")
    cu = ForeignPartner.objects.get(name__startswith="Embassy of the Republic of Cuba")
    response = client_for("nghean.admin").post(
        reverse(ADD),
        form_data(title="Đoàn nhiều nước", partners=[kr.pk, cu.pk], starts_on="01/02/2024", ends_on="02/02/2024"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    delegation = Delegation.objects.get(title="Đoàn nhiều nước")
    assert sorted(c.code for c in delegation.countries) == ["CU", "KR"]
