import datetime

import pytest

from huunghi.core.services import record_create
from huunghi.orgs.models import HeadcountReport, Membership, Organization, Person
from huunghi.orgs.selectors import member_count, organization_structure
from huunghi.orgs.tallies import mark_changed

pytestmark = pytest.mark.django_db


def org(slug):
    return Organization.objects.get(slug=slug)


def test_article_figures_from_demo_data():
    end_2023 = datetime.date(2023, 12, 31)
    assert member_count(organization=org("nghe-an-viet-nga-dien-chau"), on=end_2023) == 98
    new_vietlao = [org(f"nghe-an-viet-lao-{d}") for d in ("nghi-loc", "hung-nguyen", "nam-dan")]
    assert sum(member_count(organization=o, on=end_2023) for o in new_vietlao) == 7000
    assert all(o.founded_on.year == 2023 for o in new_vietlao)
    assert member_count(organization=org("nghe-an-viet-lao"), on=end_2023) == 7000


def test_counts_respect_the_date():
    # Before the Diễn Châu branch was founded, it had no members.
    assert member_count(organization=org("nghe-an-viet-nga-dien-chau"), on=datetime.date(2023, 1, 1)) == 0


def test_a_person_in_two_branches_is_counted_once():
    vinh, dien_chau, assoc = org("nghe-an-viet-nga-vinh"), org("nghe-an-viet-nga-dien-chau"), org("nghe-an-viet-nga")
    day = datetime.date(2024, 6, 1)
    before = member_count(organization=assoc, on=day)
    person = record_create(instance=Person(organization=assoc, full_name="Ngô Thị Kép"), acting_user=None)
    record_create(instance=Membership(organization=vinh, person=person, joined_on=day), acting_user=None)
    record_create(instance=Membership(organization=dien_chau, person=person, joined_on=day), acting_user=None)
    # Both branches report headcounts that already exceed their recorded members: the reported
    # numbers are kept, and the known person is one of them in each branch — but one person overall.
    after = member_count(organization=assoc, on=day)
    assert after == before - 2 + 1


def test_recorded_members_beyond_the_report_are_added():
    branch = org("thanh-hoa-viet-lao-quan-hoa")
    day = datetime.date(2024, 1, 1)
    HeadcountReport.objects.filter(organization=branch).update(count=0)
    mark_changed([branch.pk])  # a queryset update sends no signal
    assert member_count(organization=branch, on=day) == 1  # the one recorded member


def test_structure_tree_of_a_union():
    tree = organization_structure(root=org("nghe-an"), on=datetime.date(2024, 1, 24))
    names = [child.organization.slug for child in tree.children]
    assert "nghe-an-viet-nga" in names and "nghe-an-viet-lao" in names
    vietlao = next(c for c in tree.children if c.organization.slug == "nghe-an-viet-lao")
    assert vietlao.members == 7000 and len(vietlao.children) == 3
    assert tree.members == sum(c.members for c in tree.children)
