"""Loads the demo data through the same audited services the back office uses."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from huunghi.core.media import union_media_ensure
from huunghi.core.models import AdminUnit
from huunghi.core.roles import Role
from huunghi.core.services import record_ensure
from huunghi.orgs.choices import OrgKind, PositionTitle
from huunghi.orgs.models import (
    Congress,
    ExecutiveMeeting,
    HeadcountReport,
    Membership,
    Organization,
    Person,
    Position,
    Term,
)
from huunghi.portal.services import union_site_ensure

from . import data
from .aid import load_aid
from .emulation import NEW_UNIONS, load_emulation, load_reform
from .plans import load_plans
from .portal import load_portal
from .relations import load_relations

EXPORT_GROUP = "Xuất dữ liệu cá nhân hội viên"
WRITING_ROLES = {Role.UNION_ADMIN, Role.UNION_EDITOR, Role.ASSOCIATION_SECRETARY}


def _union_of(organization):
    """The provincial union an organization belongs to (itself when it is one)."""
    for candidate in [*organization.ancestors(), organization][::-1]:
        if candidate.kind == OrgKind.PROVINCIAL_UNION:
            return candidate
    return None
BACK_OFFICE_GROUP = "Back office"


def _unit(generation, level, name, province):
    return AdminUnit.objects.get(generation=generation, level=level, name=name, parent__short_name=province)


def _province(short_name):
    return AdminUnit.objects.get(generation="legacy", level="province", short_name=short_name)


def _org(slug, **values):
    return record_ensure(Organization, lookup={"slug": slug}, values=values, acting_user=None)


def _headcount(org, as_of, count, source):
    record_ensure(
        HeadcountReport,
        lookup={"organization": org, "as_of": as_of},
        values={"count": count, "source": source},
        acting_user=None,
    )


def _member(branch_slug, full_name, gender, birth_date, phone, joined):
    branch = Organization.objects.get(slug=branch_slug)
    person = record_ensure(
        Person,
        lookup={"organization": branch, "full_name": full_name, "birth_date": birth_date},
        values={"gender": gender, "phone": phone},
        acting_user=None,
    )
    record_ensure(
        Membership,
        lookup={"organization": branch, "person": person, "joined_on": joined},
        values={"card_number": data.MEMBER_CARD_NUMBERS.get(full_name, "")},
        acting_user=None,
    )


@transaction.atomic
def load_demo():
    vufo = _org(data.VUFO["slug"], **{k: v for k, v in data.VUFO.items() if k != "slug"})

    unions = {}
    for slug, province in data.CLUSTER_1_2024:
        kind_word = "thành phố" if province in data.CITIES else "tỉnh"
        unions[slug] = _org(
            slug,
            name=f"Liên hiệp các tổ chức hữu nghị {kind_word} {province}",
            short_name=f"LHHN {province}",
            kind=OrgKind.PROVINCIAL_UNION,
            parent=vufo,
            admin_unit=_province(province),
        )

    nghe_an_values = {
        "name_en": "Nghe An Union of Friendship Organizations",
        "founded_on": data.D(1996, 11, 28),
        "address": "Số 5 đường Trường Thi, Vinh, Nghệ An",
        "phone": "0238 3844 567",
        "email": "lienhiephuunghi@nghean.example.vn",
        "website": "https://nghe-an.localhost:8000/",
    }
    nghe_an = _org("nghe-an", **{**_current(unions["nghe-an"]), **nghe_an_values})

    associations = {}
    for suffix, partner, country, founded in data.NGHE_AN_ASSOCIATIONS:
        associations[suffix] = _org(
            f"nghe-an-{suffix}",
            name=f"Hội Hữu nghị {partner} tỉnh Nghệ An",
            short_name=f"Hội {partner}",
            kind=OrgKind.ASSOCIATION,
            parent=nghe_an,
            partner_country=country,
            founded_on=founded,
        )

    for suffix, as_of, count in data.NGHE_AN_ASSOCIATION_HEADCOUNTS:
        _headcount(associations[suffix], as_of, count, "Báo cáo tổng kết năm của hội")

    for slug, suffix, name, unit, founded, count, source in data.NGHE_AN_BRANCHES:
        branch = _org(
            slug,
            name=name,
            kind=OrgKind.BRANCH,
            parent=associations[suffix],
            admin_unit=_unit(*unit),
            founded_on=founded,
        )
        _headcount(branch, founded, count, source)

    for row in data.NGHE_AN_MEMBERS:
        _member(*row)

    congress = record_ensure(
        Congress,
        lookup={"organization": nghe_an, "number": 5},
        values={
            "held_on": data.D(2019, 10, 16),
            "place": "Thành phố Vinh",
            "summary": "Đại hội đại biểu lần thứ V, bầu Ban chấp hành nhiệm kỳ 2019–2024.",
        },
        acting_user=None,
    )
    term = record_ensure(
        Term,
        lookup={"organization": nghe_an, "number": 5},
        values={"congress": congress, "starts_on": data.D(2019, 10, 16), "ends_on": data.D(2024, 12, 31)},
        acting_user=None,
    )
    record_ensure(
        ExecutiveMeeting,
        lookup={"term": term, "number": 9},
        values={
            "held_on": data.D(2024, 1, 24),
            "place": "Thành phố Vinh",
            "agenda": "Tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024.",
        },
        acting_user=None,
    )
    president = record_ensure(
        Person,
        lookup={"organization": nghe_an, "full_name": "Nguyễn Văn Thông", "birth_date": None},
        values={},
        acting_user=None,
    )
    record_ensure(
        Position,
        lookup={"organization": nghe_an, "person": president, "title": PositionTitle.PRESIDENT},
        values={"term": term, "title_detail": "Phó Bí thư Thường trực Tỉnh ủy Nghệ An"},
        acting_user=None,
    )

    thanh_hoa = unions["thanh-hoa"]
    slug, name, country, founded = data.THANH_HOA_ASSOCIATION
    th_assoc = _org(
        slug, name=name, kind=OrgKind.ASSOCIATION, parent=thanh_hoa, partner_country=country, founded_on=founded
    )
    slug, name, unit, founded, count = data.THANH_HOA_BRANCH
    th_branch = _org(slug, name=name, kind=OrgKind.BRANCH, parent=th_assoc, admin_unit=_unit(*unit), founded_on=founded)
    _headcount(th_branch, founded, count, "Báo cáo thành lập chi hội")
    for row in data.THANH_HOA_MEMBERS:
        _member(*row)

    load_reform(vufo)
    unions.update({slug: Organization.objects.get(slug=slug) for slug, _province in NEW_UNIONS})
    for org in [vufo, *unions.values()]:
        org.refresh_from_db()
        union_site_ensure(organization=org, default=org.pk == vufo.pk)

    _accounts()
    load_relations()
    load_aid()
    load_portal()
    load_emulation()
    load_plans()


def _current(org):
    return {
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "parent": org.parent,
        "admin_unit": org.admin_unit,
    }


def _accounts():
    group, _ = Group.objects.get_or_create(name=BACK_OFFICE_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    # Exporting members' personal data is a separate right (Decree 356/2025/NĐ-CP), granted by name.
    exporters, _ = Group.objects.get_or_create(name=EXPORT_GROUP)
    exporters.permissions.add(Permission.objects.get(content_type__app_label="orgs", codename="export_personal_data"))
    User = get_user_model()
    for username, slug, role, superuser, full_name in data.DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first() or User(username=username)
        first, _, last = full_name.rpartition(" ")
        user.first_name, user.last_name = (first, last) if first else ("", full_name)
        user.organization = Organization.objects.get(slug=slug)
        user.role = role
        user.is_superuser = superuser
        user.is_staff = superuser
        user.email = f"{username}@demo.huunghi.example"
        user.set_password(data.DEMO_PASSWORD)
        user.save()
        user.groups.add(group)
        if username in data.PERSONAL_DATA_EXPORTERS:
            user.groups.add(exporters)
        union = _union_of(user.organization)
        if role in WRITING_ROLES and union is not None:
            user.groups.add(union_media_ensure(union)[1])
