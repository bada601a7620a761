"""Directives and plans: the number and symbol's shape, a target's unit against its measure, one
plan a year, and who reads or changes a directive."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from huunghi.core.access import policy_for, scoped_queryset
from huunghi.emulation.choices import Measure
from huunghi.orgs.models import Organization
from huunghi.plans import errors
from huunghi.plans.choices import Unit
from huunghi.plans.models import Directive, Target, YearPlan, validate_document_number

pytestmark = pytest.mark.django_db


def org(slug):
    return Organization.objects.get(slug=slug)


def directive(organization, number="12-CT/TW", **fields):
    record = Directive(
        organization=organization,
        number=number,
        issued_on=fields.pop("issued_on", datetime.date(2022, 1, 5)),
        issuer=fields.pop("issuer", "Ban Bí thư Trung ương Đảng"),
        title=fields.pop("title", "Về tăng cường công tác đối ngoại nhân dân trong tình hình mới"),
        **fields,
    )
    record.full_clean()
    record.save()
    return record


@pytest.mark.parametrize("number", ["12-CT/TW", "30/2020/NĐ-CP", "1234/QĐ-TTg", "05-NQ/TU", "06/2022/QH15"])
def test_number_shapes_accepted(number):
    validate_document_number(number)


@pytest.mark.parametrize("number", ["12/CT/TW", "12-ct/tw", "CT-12/TW", "12 CT/TW", ""])
def test_number_shapes_refused(number):
    with pytest.raises(ValidationError) as refused:
        validate_document_number(number)
    assert refused.value.messages == [str(errors.DIRECTIVE_NUMBER_SHAPE)]


def test_directive_with_a_wrong_number_is_refused_on_the_field():
    with pytest.raises(ValidationError) as refused:
        directive(org("nghe-an"), number="12/CT/TW")
    assert refused.value.message_dict["number"] == [str(errors.DIRECTIVE_NUMBER_SHAPE)]


def plan(organization, year=2030):  # a year the demo has no plan for
    record = YearPlan(organization=organization, year=year, title=f"Kế hoạch công tác năm {year}")
    record.full_clean()
    record.save()
    return record


def test_unit_must_measure_the_measure():
    target = Target(plan=plan(org("nghe-an")), measure=Measure.AID_VND, value=Decimal(20), unit=Unit.DELEGATION)
    with pytest.raises(ValidationError) as refused:
        target.full_clean()
    expected = errors.UNIT_MISMATCH % {
        "unit": Unit.DELEGATION.label,
        "measure": Measure.AID_VND.label,
        "allowed": ", ".join(str(Unit(u).label) for u in (Unit.VND, Unit.MILLION_VND, Unit.BILLION_VND)),
    }
    assert refused.value.message_dict["unit"] == [str(expected)]


def test_billion_dong_converts_to_dong():
    target = Target(measure=Measure.AID_VND, value=Decimal("1.5"), unit=Unit.BILLION_VND)
    assert target.value_in_measure_unit == Decimal(1_500_000_000)
    assert Target(measure=Measure.AID_VND, value=Decimal(800), unit=Unit.MILLION_VND).value_in_measure_unit == 8 * 10**8


def test_negative_target_refused():
    target = Target(plan=plan(org("nghe-an")), measure=Measure.EVENTS, value=Decimal(-1), unit=Unit.EVENT)
    with pytest.raises(ValidationError) as refused:
        target.full_clean()
    assert refused.value.message_dict["value"] == [str(errors.NEGATIVE_TARGET)]


def test_one_plan_a_year():
    plan(org("nghe-an"))
    second = YearPlan(organization=org("nghe-an"), year=2030, title="Kế hoạch bổ sung")
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert str(errors.PLAN_YEAR_TAKEN % {"year": 2030}) in refused.value.message_dict["year"]
    plan(org("thanh-hoa"))  # another organization's plan of the same year is fine


def test_union_reads_vufo_directive_but_cannot_change_it_nor_see_another_union(demo_user):
    party = directive(org("vufo"), number="35-CT/TW", issued_on=datetime.date(2024, 5, 1))
    thanh_hoa = directive(
        org("thanh-hoa"), number="03-CT/TU", issued_on=datetime.date(2024, 3, 1), issuer="Tỉnh ủy Thanh Hóa"
    )
    nghe_an = directive(
        org("nghe-an"), number="05-CT/TU", issued_on=datetime.date(2024, 3, 2), issuer="Tỉnh ủy Nghệ An"
    )
    user = demo_user("nghean.admin")
    policy = policy_for(Directive)
    assert policy.user_has_permission_for_instance(user, "view", party)
    assert not policy.user_has_permission_for_instance(user, "change", party)
    assert not policy.user_has_permission_for_instance(user, "delete", party)
    assert not policy.user_has_permission_for_instance(user, "view", thanh_hoa)
    assert policy.user_has_permission_for_instance(user, "change", nghe_an)
    readable = set(scoped_queryset(Directive, user))
    assert party in readable and nghe_an in readable and thanh_hoa not in readable
