"""The plan dashboard on the demo's Nghệ An 2023: 22 delegations received, 1.475.190.000 đ of aid
received, 4 branches founded (huunghi/demo), against a plan recorded here."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from huunghi.emulation.choices import Measure
from huunghi.orgs.models import Organization
from huunghi.plans.choices import Unit
from huunghi.plans.models import Directive, Target, YearPlan
from huunghi.plans.selectors import Status, year_figures
from huunghi.plans.views import NO_PLAN, STATUS_LABELS

pytestmark = pytest.mark.django_db

URL = reverse("plans_dashboard")
TARGETS = [
    (Measure.DELEGATIONS_IN, Decimal(20), Unit.DELEGATION),  # 22 received: reached
    (Measure.AID_VND, Decimal("1.5"), Unit.BILLION_VND),  # 1.475.190.000 đ: behind at year end
    (Measure.NEW_BRANCHES, Decimal(3), Unit.BRANCH),  # 4 founded: reached
]


def org(slug):
    return Organization.objects.get(slug=slug)


def vietnamese(message, **params):
    with translation.override("vi"):
        return str(message) % params if params else str(message)


@pytest.fixture
def plan_2023():
    """Nghệ An's 2023 plan as written here (replacing any the demo brings)."""
    nghe_an = org("nghe-an")
    YearPlan.objects.filter(organization=nghe_an, year=2023).delete()
    directive = Directive(
        organization=nghe_an,
        number="05-CT/TU",
        issued_on=datetime.date(2022, 11, 3),
        issuer="Ban Thường vụ Tỉnh ủy Nghệ An",
        title="Về tăng cường công tác đối ngoại nhân dân",
    )
    directive.full_clean()
    directive.save()
    plan = YearPlan(
        organization=nghe_an, year=2023, title="Kế hoạch công tác đối ngoại nhân dân năm 2023", number="01/KH-LHHN"
    )
    plan.full_clean()
    plan.save()
    plan.directives.add(directive)
    for order, (measure, value, unit) in enumerate(TARGETS):
        target = Target(plan=plan, measure=measure, value=value, unit=unit, directive=directive, sort_order=order)
        target.full_clean()
        target.save()
    return plan


def page(client, **params):
    response = client.get(URL, {"year": 2023, **params})
    assert response.status_code == 200
    return response


def test_progress_against_each_target_with_links_to_the_records(client_for, plan_2023):
    client = client_for("nghean.admin")
    response = page(client)
    html = response.content.decode()
    assert plan_2023.title in html and "05-CT/TU" in html
    rows = {row["measure"]: row for row in response.context["targets"]}
    received = rows[Measure.DELEGATIONS_IN.label]
    aid = rows[Measure.AID_VND.label]
    branches = rows[Measure.NEW_BRANCHES.label]
    assert (received["achieved"], received["status"]) == ("22", Status.REACHED)
    assert (aid["achieved"], aid["status"]) == ("1.475.190.000 đ", Status.BEHIND)
    assert aid["goal"] == "1.500.000.000 đ" and aid["percent"] == "98,3"
    assert (branches["achieved"], branches["status"]) == ("4", Status.REACHED)

    targets = html[html.index('data-testid="targets"') : html.index("</table>", html.index('data-testid="targets"'))]
    for achieved in ("22", "1.475.190.000 đ", "4"):
        assert f'data-testid="achieved">{achieved}</a>' in targets
    assert targets.count(vietnamese(STATUS_LABELS[Status.REACHED])) == 2
    assert targets.count(vietnamese(STATUS_LABELS[Status.BEHIND])) == 1

    figures = year_figures(organization=org("nghe-an"), year=2023)
    delegations = client.get(received["url"])
    assert delegations.status_code == 200 and len(delegations.context["object_list"]) == 22
    aid_items = client.get(aid["url"])
    assert aid_items.status_code == 200 and len(aid_items.context["object_list"]) == figures.aid.items
    new_branches = client.get(branches["url"])
    assert new_branches.status_code == 200
    assert {o.pk for o in new_branches.context["object_list"]} == {b.pk for b in figures.new_branches}


def test_headline_figures_link_to_their_records(client_for):
    client = client_for("nghean.admin")
    response = page(client)
    headline = {row["measure"]: row for row in response.context["headline"]}
    assert headline[Measure.DELEGATIONS_IN]["value"] == "22"
    assert headline[Measure.DELEGATIONS_OUT]["value"] == "3"
    assert headline[Measure.AID_VND]["value"] == "1.475.190.000 đ"
    assert headline[Measure.NEW_BRANCHES]["value"] == "4"
    for measure in (Measure.DELEGATIONS_IN, Measure.DELEGATIONS_OUT, Measure.NEW_BRANCHES):
        listing = client.get(headline[measure]["url"])
        assert listing.status_code == 200
        assert str(len(listing.context["object_list"])) == headline[measure]["value"], measure


def test_charts_are_inline_svg_without_script_and_bars_link_to_the_records(client_for):
    client = client_for("nghean.admin")
    response = page(client)
    html = response.content.decode()
    svgs = re.findall(r'<svg\b[^>]*\bid="chart-.*?</svg>', html, flags=re.S)  # pygal's, not the icons
    assert len(svgs) >= 1 + 2 + 7  # by month, by kind (events are empty in 2023), one per main figure
    assert "<script src=" not in html.split("<main", 1)[1]
    for svg in svgs:
        assert "<script" not in svg and "<title" in svg and 'role="img"' in svg
        assert "cdn" not in svg.lower() and "kozea.github.io" not in svg
    # December 2023: 3 delegations received; the bar links to exactly those.
    month = response.context["month_chart"]
    received = month["rows"][0]
    count, url = received["cells"][11]
    assert count == 3 and "month=12" in url and "direction=incoming" in url
    assert url.replace("&", "&amp;") in svgs[0]
    assert len(client.get(url).context["object_list"]) == 3
    # The data table under the chart repeats its numbers.
    assert "<details>" in html and month["title"] in html


def test_another_union_cannot_be_chosen(client_for):
    client = client_for("thanhhoa.admin")
    assert client.get(URL, {"organization": org("nghe-an").pk, "year": 2023}).status_code == 404
    own = client.get(URL, {"year": 2023})
    assert own.status_code == 200 and own.context["organization"] == org("thanh-hoa")
    choices = own.context["form"].fields["organization"].queryset
    assert not choices.filter(slug="nghe-an").exists()


def test_no_plan_says_so_in_vietnamese_with_a_link_to_record_one(client_for):
    YearPlan.objects.filter(organization=org("nghe-an"), year=2023).delete()
    response = client_for("nghean.admin").get(URL, {"year": 2023})
    html = response.content.decode()
    name = org("nghe-an").name
    assert vietnamese(NO_PLAN, name=name, year=2023) in html
    assert 'data-testid="no-plan"' in html
    assert reverse("wagtailsnippets_plans_yearplan:add") in html


def test_this_year_counts_up_to_today(client_for):
    response = client_for("nghean.admin").get(URL)
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert response.context["in_progress"]


def test_query_count_is_bounded(client_for, plan_2023, django_assert_max_num_queries):
    client = client_for("nghean.admin")
    client.get(URL, {"year": 2023})  # sessions, menus, caches warmed
    with django_assert_max_num_queries(60):
        page(client)
